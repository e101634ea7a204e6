import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseBefore } from './__fixtures__/database-before';

const MIGRATION = '0004_key_rate_limits';
let database: Awaited<ReturnType<typeof databaseBefore>>;
beforeAll(async () => {
  database = await databaseBefore(MIGRATION);
}, 60_000);
afterAll(() => database.close());

const insertKey = (name: string, hash: string) =>
  database.pglite.query(`insert into api_keys (community_id, name, prefix, hash, hint, created_by_id, permissions) values ($1, $2, 'old', $3, 'old_…abcd', $4, $5)`, [
    database.owner.communityId,
    name,
    hash,
    database.owner.userId,
    JSON.stringify({ projects: 'read', members: 'read', feedback: 'read' }),
  ]);

describe(`migration ${MIGRATION}`, () => {
  it('gives keys that existed before rate limits 1,000 per minute, and new rows No limit unless they say', async () => {
    await insertKey('Old key', 'h');
    await database.migrateRest();
    const { rows } = await database.pglite.query<{ rate_limit: unknown }>(`select rate_limit from api_keys`);
    expect(rows).toEqual([{ rate_limit: { limit: 1000, window: 'minute' } }]);
    await insertKey('New key', 'h2');
    const { rows: fresh } = await database.pglite.query<{ rate_limit: unknown }>(`select rate_limit from api_keys where name = 'New key'`);
    expect(fresh).toEqual([{ rate_limit: null }]);
  }, 60_000);
});
