import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { closeDatabase, getDb } from '@/db/index';
import { apiUsageCallers, apiUsageHourly } from '@/db/schema';
import { createUsageKey, usageRecord } from '@/lib/api/__fixtures__/usage';
import { normalizeUsageRecord, type UsageRecord } from '@/lib/api/usage-record';
import { writeUsageBatch } from '@/lib/api/usage-writer';
import { createTestCommunity } from '@/test/db';

let community: Awaited<ReturnType<typeof createTestCommunity>>;
beforeAll(async () => {
  community = await createTestCommunity();
});
afterAll(() => closeDatabase());

const row = (apiKeyId: string, overrides: Partial<UsageRecord>) => normalizeUsageRecord(usageRecord(community.communityId, apiKeyId, overrides));

const hourlyOf = (apiKeyId: string) =>
  getDb()
    .select({ hour: apiUsageHourly.hour, outcome: apiUsageHourly.outcome, requests: apiUsageHourly.requests })
    .from(apiUsageHourly)
    .where(eq(apiUsageHourly.apiKeyId, apiKeyId))
    .orderBy(asc(apiUsageHourly.hour), asc(apiUsageHourly.outcome));

const callersOf = (apiKeyId: string) =>
  getDb()
    .select()
    .from(apiUsageCallers)
    .where(eq(apiUsageCallers.apiKeyId, apiKeyId))
    .orderBy(asc(apiUsageCallers.integrationName), asc(apiUsageCallers.ip));

describe('the usage rollups the recorder keeps', () => {
  it('counts requests per UTC hour and outcome, and a batch written twice only once', async () => {
    const keyId = await createUsageKey(community);
    const rows = [
      row(keyId, { at: new Date('2026-03-01T10:00:00Z') }),
      row(keyId, { at: new Date('2026-03-01T10:59:59.999Z') }),
      row(keyId, { at: new Date('2026-03-01T10:30:00Z'), outcome: 'rate_limited', status: 429 }),
      row(keyId, { at: new Date('2026-03-01T11:00:00Z') }),
    ];
    await writeUsageBatch(rows);
    await writeUsageBatch(rows);
    // A retry carrying some old rows and one new: only the new one counts.
    await writeUsageBatch([...rows.slice(0, 2), row(keyId, { at: new Date('2026-03-01T11:15:00Z') })]);
    expect(await hourlyOf(keyId)).toEqual([
      { hour: new Date('2026-03-01T10:00:00Z'), outcome: 'ok', requests: 2 },
      { hour: new Date('2026-03-01T10:00:00Z'), outcome: 'rate_limited', requests: 1 },
      { hour: new Date('2026-03-01T11:00:00Z'), outcome: 'ok', requests: 2 },
    ]);
  });

  it('keeps each caller’s first and last seen, last allowed call and counts across batches, unknown parts as empty', async () => {
    const keyId = await createUsageKey(community);
    const jira = { integrationName: 'Jira sync', userAgent: 'jira/1', ip: '203.0.113.7' };
    await writeUsageBatch([
      row(keyId, { ...jira, at: new Date('2026-03-02T09:00:00Z') }),
      row(keyId, { ...jira, at: new Date('2026-03-02T09:10:00Z'), outcome: 'ip_not_allowed', status: 403 }),
      row(keyId, { integrationName: null, userAgent: null, ip: null, at: new Date('2026-03-02T09:05:00Z'), outcome: 'invalid_json', status: 400 }),
    ]);
    // A later batch, and one that lands late with an older call: first seen moves back, last seen does not.
    await writeUsageBatch([row(keyId, { ...jira, at: new Date('2026-03-02T12:00:00Z'), outcome: 'rate_limited', status: 429 })]);
    await writeUsageBatch([row(keyId, { ...jira, at: new Date('2026-03-02T08:00:00Z') })]);
    const callers = await callersOf(keyId);
    const shown = callers.map((caller) => ({ ...caller, apiKeyId: undefined, communityId: undefined }));
    expect(shown).toEqual([
      {
        integrationName: '',
        userAgent: '',
        ip: '',
        firstSeenAt: new Date('2026-03-02T09:05:00Z'),
        lastSeenAt: new Date('2026-03-02T09:05:00Z'),
        lastAllowedAt: null,
        requests: 1,
        denied: 1,
      },
      {
        ...jira,
        firstSeenAt: new Date('2026-03-02T08:00:00Z'),
        lastSeenAt: new Date('2026-03-02T12:00:00Z'),
        lastAllowedAt: new Date('2026-03-02T09:00:00Z'),
        requests: 4,
        denied: 2,
      },
    ]);
    expect(callers.every((caller) => caller.communityId === community.communityId)).toBe(true);
  });

  it('leaves out rows without a key, and rows recorded under the key but another community', async () => {
    const keyId = await createUsageKey(community);
    const other = await createTestCommunity();
    await writeUsageBatch([
      normalizeUsageRecord(usageRecord(community.communityId, null, { outcome: 'invalid_key' })),
      normalizeUsageRecord(usageRecord(other.communityId, keyId, { ip: '192.0.2.99' })),
      row(keyId, {}),
    ]);
    expect((await hourlyOf(keyId)).map((hour) => hour.requests)).toEqual([1]);
    expect((await callersOf(keyId)).map((caller) => caller.ip)).toEqual(['203.0.113.7']);
  });

  it('lets concurrent writers add to the same rows without a deadlock or a lost count', async () => {
    const keys = [await createUsageKey(community), await createUsageKey(community)];
    const at = new Date('2026-03-03T10:00:00Z');
    const callers = Array.from({ length: 40 }, (_, index) => ({ integrationName: `caller ${index}`, ip: '203.0.113.7', at }));
    // Each writer's batch is a different, shuffled subset of the same caller rows, so that without
    // a fixed order two writers would take their row locks in different orders.
    const batch = (writer: number, round: number) =>
      keys
        .flatMap((keyId) => callers.filter((_, index) => (index + writer + round) % 3 !== 0).map((caller) => row(keyId, caller)))
        .sort(() => Math.random() - 0.5);
    const rounds = 8;
    const writers = 3;
    let written = 0;
    for (let round = 0; round < rounds; round += 1) {
      const batches = Array.from({ length: writers }, (_, writer) => batch(writer, round));
      written += batches.reduce((sum, rows) => sum + rows.length, 0);
      await Promise.all(batches.map((rows) => writeUsageBatch(rows)));
    }
    const counted = await Promise.all(keys.map(async (keyId) => (await hourlyOf(keyId)).reduce((sum, hour) => sum + hour.requests, 0)));
    const byCaller = await Promise.all(keys.map(async (keyId) => (await callersOf(keyId)).reduce((sum, caller) => sum + caller.requests, 0)));
    expect(counted[0] + counted[1]).toBe(written);
    expect(byCaller[0] + byCaller[1]).toBe(written);
  });
});
