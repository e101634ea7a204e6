import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseBefore } from './__fixtures__/database-before';

const MIGRATION = '0005_leaked_keys';
let database: Awaited<ReturnType<typeof databaseBefore>>;
beforeAll(async () => {
  database = await databaseBefore(MIGRATION);
}, 60_000);
afterAll(() => database.close());

describe(`migration ${MIGRATION}`, () => {
  it('gives communities that existed before it the default policy: a key reported leaked is disabled', async () => {
    await database.migrateRest();
    const { rows } = await database.pglite.query<{ leaked_key_policy: string }>(`select leaked_key_policy from communities`);
    expect(rows).toEqual([{ leaked_key_policy: 'disable' }]);
    await expect(database.pglite.query(`update communities set leaked_key_policy = 'ignore'`)).rejects.toThrow();
  }, 60_000);
});
