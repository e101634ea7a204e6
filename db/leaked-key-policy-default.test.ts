import { describe, expect, it } from 'vitest';
import { databaseBefore } from './__fixtures__/database-before';

const MIGRATION = '0005_leaked_keys';

describe(`migration ${MIGRATION}`, () => {
  it('gives communities that existed before it the default policy: a key reported leaked is disabled', async () => {
    const database = await databaseBefore(MIGRATION);
    try {
      await database.migrateRest();
      const { rows } = await database.pglite.query<{ leaked_key_policy: string }>(`select leaked_key_policy from communities`);
      expect(rows).toEqual([{ leaked_key_policy: 'disable' }]);
      await expect(database.pglite.query(`update communities set leaked_key_policy = 'ignore'`)).rejects.toThrow();
    } finally {
      await database.close();
    }
  }, 60_000);
});
