import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseBefore } from './__fixtures__/database-before';

const MIGRATION = '0003_key_permissions';
let database: Awaited<ReturnType<typeof databaseBefore>>;
beforeAll(async () => {
  database = await databaseBefore(MIGRATION);
}, 60_000);
afterAll(() => database.close());

describe(`migration ${MIGRATION}`, () => {
  it('gives keys that existed before permissions read and write everywhere, and new rows no default', async () => {
    const { pglite, owner } = database;
    await pglite.query(`insert into api_keys (community_id, name, prefix, hash, hint, created_by_id) values ($1, 'Old key', 'old', 'h', 'old_…abcd', $2)`, [owner.communityId, owner.userId]);

    await database.migrateRest();
    const { rows } = await pglite.query<{ permissions: unknown }>(`select permissions from api_keys`);
    expect(rows).toEqual([{ permissions: { projects: 'write', members: 'write', feedback: 'write' } }]);
    await expect(
      pglite.query(`insert into api_keys (community_id, name, prefix, hash, hint, created_by_id) values ($1, 'New key', 'new', 'h2', 'new_…abcd', $2)`, [owner.communityId, owner.userId]),
    ).rejects.toThrow(/permissions/);
  }, 60_000);
});
