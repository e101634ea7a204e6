import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseBefore } from './__fixtures__/database-before';

const MIGRATION = '0006_usage_rollups';
let database: Awaited<ReturnType<typeof databaseBefore>>;
beforeAll(async () => {
  database = await databaseBefore(MIGRATION);
}, 60_000);
afterAll(() => database.close());

async function insertKey(): Promise<string> {
  const { rows } = await database.pglite.query<{ id: string }>(
    `insert into api_keys (community_id, name, prefix, hash, hint, created_by_id, permissions, rate_limit)
     values ($1, 'Old key', 'old', 'h', 'old_…abcd', $2, '{"projects":"read","members":"read","feedback":"read"}', null) returning id`,
    [database.owner.communityId, database.owner.userId],
  );
  return rows[0].id;
}

const insertRequest = (id: string, keyId: string | null, at: string, outcome: string, caller: { ip?: string; ua?: string; name?: string } = {}) =>
  database.pglite.query(
    `insert into api_requests (request_id, api_key_id, community_id, at, method, path, status, outcome, ip, user_agent, integration_name, latency_ms)
     values ($1, $2, $3, $4, 'GET', '/api/v1/me', 200, $5, $6, $7, $8, 3)`,
    [id, keyId, keyId ? database.owner.communityId : null, at, outcome, caller.ip ?? null, caller.ua ?? null, caller.name ?? null],
  );

describe(`migration ${MIGRATION}`, () => {
  it('builds the hourly and caller rollups from the requests recorded before it', async () => {
    const key = await insertKey();
    await insertRequest('r1', key, '2026-03-01T10:05:00Z', 'ok', { ip: '203.0.113.5', name: 'Zapier' });
    await insertRequest('r2', key, '2026-03-01T10:55:00Z', 'ok', { ip: '203.0.113.5', name: 'Zapier' });
    await insertRequest('r3', key, '2026-03-01T11:00:00Z', 'rate_limited', { ip: '203.0.113.5', name: 'Zapier' });
    await insertRequest('r4', key, '2026-03-01T11:30:00Z', 'ip_not_allowed');
    await insertRequest('r5', null, '2026-03-01T11:30:00Z', 'invalid_key', { ip: '198.51.100.1' });
    await database.migrateRest();

    const { rows: hourly } = await database.pglite.query<{ hour: Date; outcome: string; requests: number }>(
      `select hour, outcome, requests::int as requests from api_usage_hourly order by hour, outcome`,
    );
    expect(hourly).toEqual([
      { hour: new Date('2026-03-01T10:00:00Z'), outcome: 'ok', requests: 2 },
      { hour: new Date('2026-03-01T11:00:00Z'), outcome: 'ip_not_allowed', requests: 1 },
      { hour: new Date('2026-03-01T11:00:00Z'), outcome: 'rate_limited', requests: 1 },
    ]);
    const { rows: callers } = await database.pglite.query(
      `select integration_name, user_agent, ip, first_seen_at, last_seen_at, last_allowed_at, requests::int as requests, denied::int as denied
       from api_usage_callers order by last_seen_at`,
    );
    expect(callers).toEqual([
      {
        integration_name: 'Zapier',
        user_agent: '',
        ip: '203.0.113.5',
        first_seen_at: new Date('2026-03-01T10:05:00Z'),
        last_seen_at: new Date('2026-03-01T11:00:00Z'),
        last_allowed_at: new Date('2026-03-01T10:55:00Z'),
        requests: 3,
        denied: 1,
      },
      {
        integration_name: '',
        user_agent: '',
        ip: '',
        first_seen_at: new Date('2026-03-01T11:30:00Z'),
        last_seen_at: new Date('2026-03-01T11:30:00Z'),
        last_allowed_at: null,
        requests: 1,
        denied: 1,
      },
    ]);
  }, 60_000);
});
