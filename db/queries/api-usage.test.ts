import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, getDb } from '@/db/index';
import { apiRequests } from '@/db/schema';
import { createTestKey } from '@/lib/api-keys/__fixtures__/test-keys';
import { API_ERRORS, type ApiErrorCode } from '@/lib/api/errors';
import { createTestCommunity } from '@/test/db';
import { integrationsSeen, ipLimitDryRun, keyImpact, requestLog, usageSeries } from './api-usage';

type Scope = { apiKeyId: string; communityId: string };
type Call = { at: string | Date; outcome?: 'ok' | ApiErrorCode; ip?: string | null; integrationName?: string | null; userAgent?: string | null };

// A fixed clock: bucket boundaries and windows are asserted exactly, whatever the time the suite runs.
const now = new Date('2031-03-15T10:30:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

let mine: Awaited<ReturnType<typeof createTestCommunity>>;
let theirs: Awaited<ReturnType<typeof createTestCommunity>>;

async function newKey(community = mine): Promise<Scope> {
  const key = await createTestKey({ communityId: community.communityId, createdById: community.admin.id });
  return { apiKeyId: key.id, communityId: community.communityId };
}

/** Writes rows as the usage recorder would; returns their ids in the order given. */
async function record(scope: Scope, calls: Call[]): Promise<number[]> {
  const rows = await getDb()
    .insert(apiRequests)
    .values(
      calls.map((call, index) => {
        const outcome = call.outcome ?? 'ok';
        return {
          requestId: randomUUID(),
          apiKeyId: scope.apiKeyId,
          communityId: scope.communityId,
          at: new Date(call.at),
          method: 'GET',
          path: `/api/v1/projects/${index}`,
          status: outcome === 'ok' ? 200 : API_ERRORS[outcome].status,
          outcome,
          ip: call.ip === undefined ? '10.0.0.1' : call.ip,
          userAgent: call.userAgent ?? null,
          integrationName: call.integrationName ?? null,
          latencyMs: 10 + index,
        };
      }),
    )
    .returning({ id: apiRequests.id });
  return rows.map((row) => row.id);
}

/**
 * The same calls made with another community's key, and again under my key's id but that other
 * community (rows that must never count for me: the community filter applies, not only the key's).
 * Returns the other key as my community would ask for it: it must read as unused.
 */
async function recordElsewhere(key: Scope, calls: Call[]): Promise<Scope> {
  const other = await newKey(theirs);
  await record(other, calls);
  await record({ apiKeyId: key.apiKeyId, communityId: other.communityId }, calls);
  return { apiKeyId: other.apiKeyId, communityId: key.communityId };
}
const nonZero = (series: { start: Date; allowed: number; denied: number }[]) =>
  series.flatMap((bucket, index) => (bucket.allowed || bucket.denied ? [{ index, start: bucket.start.toISOString(), allowed: bucket.allowed, denied: bucket.denied }] : []));

beforeAll(async () => {
  mine = await createTestCommunity();
  theirs = await createTestCommunity();
});

afterAll(async () => {
  await closeDatabase();
});

describe('usageSeries', () => {
  let key: Scope;
  let foreign: Scope;
  const calls: Call[] = [
    { at: '2031-03-15T10:10:00Z' },
    { at: '2031-03-15T10:20:00Z', outcome: 'ip_not_allowed' },
    { at: '2031-03-15T10:29:59Z', outcome: 'validation_failed' },
    { at: '2031-03-15T08:59:59Z' },
    { at: '2031-03-14T11:00:00Z' }, // first hour of the 24-hour range
    { at: '2031-03-14T10:59:59.999Z' }, // just before it
    { at: '2031-03-09T00:00:00Z', outcome: 'key_disabled' }, // first day of the 7-day range
    { at: '2031-03-08T23:59:59Z' },
    { at: '2031-02-14T00:00:00Z' }, // first day of the 30-day range
    { at: '2031-02-13T23:59:59Z' },
  ];

  beforeAll(async () => {
    key = await newKey();
    await record(key, calls);
    foreign = await recordElsewhere(key, calls);
  });

  it('counts the last 24 hours per UTC hour, oldest first, zero-filled, allowed and denied apart', async () => {
    const series = await usageSeries({ ...key, range: '24h', now });
    expect(series).toHaveLength(24);
    expect(series[0].start.toISOString()).toBe('2031-03-14T11:00:00.000Z');
    expect(series[23].start.toISOString()).toBe('2031-03-15T10:00:00.000Z');
    expect(series.every((bucket, i) => i === 0 || bucket.start.getTime() - series[i - 1].start.getTime() === 3_600_000)).toBe(true);
    expect(nonZero(series)).toEqual([
      { index: 0, start: '2031-03-14T11:00:00.000Z', allowed: 1, denied: 0 },
      { index: 21, start: '2031-03-15T08:00:00.000Z', allowed: 1, denied: 0 },
      { index: 23, start: '2031-03-15T10:00:00.000Z', allowed: 1, denied: 2 },
    ]);
  });

  it('counts 7 and 30 days per UTC day', async () => {
    const week = await usageSeries({ ...key, range: '7d', now });
    expect(week).toHaveLength(7);
    expect(nonZero(week)).toEqual([
      { index: 0, start: '2031-03-09T00:00:00.000Z', allowed: 0, denied: 1 },
      { index: 5, start: '2031-03-14T00:00:00.000Z', allowed: 2, denied: 0 },
      { index: 6, start: '2031-03-15T00:00:00.000Z', allowed: 2, denied: 2 },
    ]);

    const month = await usageSeries({ ...key, range: '30d', now });
    expect(month).toHaveLength(30);
    expect(month[0].start.toISOString()).toBe('2031-02-14T00:00:00.000Z');
    expect(nonZero(month)).toEqual([
      { index: 0, start: '2031-02-14T00:00:00.000Z', allowed: 1, denied: 0 },
      { index: 22, start: '2031-03-08T00:00:00.000Z', allowed: 1, denied: 0 },
      { index: 23, start: '2031-03-09T00:00:00.000Z', allowed: 0, denied: 1 },
      { index: 28, start: '2031-03-14T00:00:00.000Z', allowed: 2, denied: 0 },
      { index: 29, start: '2031-03-15T00:00:00.000Z', allowed: 2, denied: 2 },
    ]);
  });

  it('shows nothing of a key to another community', async () => {
    const series = await usageSeries({ ...foreign, range: '30d', now });
    expect(series).toHaveLength(30);
    expect(nonZero(series)).toEqual([]);
  });
});

describe('requestLog', () => {
  let key: Scope;
  let foreign: Scope;
  let ids: number[];

  beforeAll(async () => {
    key = await newKey();
    ids = await record(key, [
      { at: '2031-03-15T10:00:00Z', integrationName: 'Zapier', userAgent: 'Zapier/1.0', ip: '10.0.0.5' },
      { at: '2031-03-15T10:01:00Z' },
      { at: '2031-03-15T10:02:00Z', outcome: 'ip_not_allowed', ip: '192.0.2.9' },
      { at: '2031-03-15T10:03:00Z' },
      { at: '2031-03-15T10:04:00Z', outcome: 'key_disabled' },
      { at: '2031-03-15T10:05:00Z', outcome: 'validation_failed' },
      { at: '2031-03-15T10:05:00Z' }, // same instant: the later row is newer
    ]);
    foreign = await recordElsewhere(key, [{ at: '2031-03-15T10:06:00Z' }, { at: '2031-03-15T10:07:00Z', outcome: 'ip_not_allowed' }]);
  });

  const pageIds = async (filter: Parameters<typeof requestLog>[0]['filter'], page = 1, pageSize = 3) => {
    const { rows, total } = await requestLog({ ...key, filter, page, pageSize });
    return { ids: rows.map((row) => row.id), total };
  };

  it('lists the newest first, page by page, with the total', async () => {
    expect(await pageIds('all', 1)).toEqual({ ids: [ids[6], ids[5], ids[4]], total: 7 });
    expect(await pageIds('all', 2)).toEqual({ ids: [ids[3], ids[2], ids[1]], total: 7 });
    expect(await pageIds('all', 3)).toEqual({ ids: [ids[0]], total: 7 });
    expect(await pageIds('all', 4)).toEqual({ ids: [], total: 7 });
  });

  it('returns what the log shows for each request', async () => {
    const { rows } = await requestLog({ ...key, filter: 'all', page: 3, pageSize: 3 });
    expect(rows[0]).toEqual({
      id: ids[0],
      at: new Date('2031-03-15T10:00:00Z'),
      method: 'GET',
      path: '/api/v1/projects/0',
      status: 200,
      outcome: 'ok',
      ip: '10.0.0.5',
      userAgent: 'Zapier/1.0',
      integrationName: 'Zapier',
      latencyMs: 10,
    });
  });

  it('filters by allowed, denied or one outcome', async () => {
    expect(await pageIds('allowed', 1, 10)).toEqual({ ids: [ids[6], ids[3], ids[1], ids[0]], total: 4 });
    expect(await pageIds('denied', 1, 10)).toEqual({ ids: [ids[5], ids[4], ids[2]], total: 3 });
    expect(await pageIds('denied', 2, 2)).toEqual({ ids: [ids[2]], total: 3 });
    expect(await pageIds('ip_not_allowed', 1, 10)).toEqual({ ids: [ids[2]], total: 1 });
    expect(await pageIds('key_disabled', 1, 10)).toEqual({ ids: [ids[4]], total: 1 });
    expect(await pageIds('rate_limited', 1, 10)).toEqual({ ids: [], total: 0 });
  });

  it('reads a nonsense page or page size as the nearest sensible one', async () => {
    expect(await pageIds('all', 0)).toEqual({ ids: [ids[6], ids[5], ids[4]], total: 7 });
    expect(await pageIds('all', Number.NaN)).toEqual({ ids: [ids[6], ids[5], ids[4]], total: 7 });
    expect((await pageIds('all', 1, 0)).ids).toEqual([ids[6]]);
    expect((await pageIds('all', 1, 10_000)).ids).toHaveLength(7);
  });

  it('shows nothing of a key to another community', async () => {
    expect(await requestLog({ ...foreign, filter: 'all', page: 1, pageSize: 10 })).toEqual({ rows: [], total: 0 });
  });
});

describe('integrationsSeen and keyImpact', () => {
  let key: Scope;
  let foreign: Scope;

  beforeAll(async () => {
    key = await newKey();
    const zapier = { integrationName: 'Zapier', userAgent: 'Zapier/1.0' };
    const calls: Call[] = [
      { at: daysAgo(5), ip: '10.0.0.5', ...zapier },
      { at: daysAgo(4), ip: '10.0.0.6', ...zapier },
      { at: daysAgo(3), ip: '10.0.0.5', ...zapier },
      { at: daysAgo(2), ip: '192.0.2.7', userAgent: 'curl/8.0' },
      { at: daysAgo(1), ip: '10.0.0.5', ...zapier, outcome: 'validation_failed' },
      { at: daysAgo(0.5), ip: '203.0.113.9', integrationName: 'Scraper', outcome: 'ip_not_allowed' },
      { at: daysAgo(40), ip: '198.51.100.1', userAgent: null },
    ];
    await record(key, calls);
    foreign = await recordElsewhere(key, calls);
  });

  it('groups callers by integration name, user agent and IP, most recently seen first', async () => {
    const seen = await integrationsSeen({ ...key, now });
    expect(seen).toEqual([
      { integrationName: 'Scraper', userAgent: null, ip: '203.0.113.9', firstSeen: daysAgo(0.5), lastSeen: daysAgo(0.5), requests: 1, denied: 1 },
      { integrationName: 'Zapier', userAgent: 'Zapier/1.0', ip: '10.0.0.5', firstSeen: daysAgo(5), lastSeen: daysAgo(1), requests: 3, denied: 1 },
      { integrationName: null, userAgent: 'curl/8.0', ip: '192.0.2.7', firstSeen: daysAgo(2), lastSeen: daysAgo(2), requests: 1, denied: 0 },
      { integrationName: 'Zapier', userAgent: 'Zapier/1.0', ip: '10.0.0.6', firstSeen: daysAgo(4), lastSeen: daysAgo(4), requests: 1, denied: 0 },
      { integrationName: null, userAgent: null, ip: '198.51.100.1', firstSeen: daysAgo(40), lastSeen: daysAgo(40), requests: 1, denied: 0 },
    ]);
    const recent = await integrationsSeen({ ...key, sinceDays: 30, now });
    expect(recent.map((item) => item.ip)).toEqual(['203.0.113.9', '10.0.0.5', '192.0.2.7', '10.0.0.6']);
    expect(await integrationsSeen({ ...foreign, now })).toEqual([]);
  });

  it('counts the callers a key allowed in the window, naming the most recent, told apart where names repeat', async () => {
    expect(await keyImpact({ ...key, now })).toEqual({
      integrations: 3,
      names: ['curl/8.0', 'Zapier (10.0.0.5)', 'Zapier (10.0.0.6)'],
      requests: 4,
    });
    expect(await keyImpact({ ...key, days: 60, now })).toEqual({
      integrations: 4,
      names: ['curl/8.0', 'Zapier (10.0.0.5)', 'Zapier (10.0.0.6)', '198.51.100.1'],
      requests: 5,
    });
    expect(await keyImpact({ ...foreign, now })).toEqual({ integrations: 0, names: [], requests: 0 });
  });

  it('names at most five callers and counts them all', async () => {
    const busy = await newKey();
    await record(
      busy,
      Array.from({ length: 7 }, (_, i) => ({ at: daysAgo(7 - i), ip: `10.1.0.${i}`, integrationName: `Integration ${i}` })),
    );
    expect(await keyImpact({ ...busy, now })).toEqual({
      integrations: 7,
      names: ['Integration 6', 'Integration 5', 'Integration 4', 'Integration 3', 'Integration 2'],
      requests: 7,
    });
  });

  it('reports no impact for a key whose calls were all denied', async () => {
    const refused = await newKey();
    await record(refused, [{ at: daysAgo(1), outcome: 'key_disabled', integrationName: 'Zapier' }]);
    expect(await keyImpact({ ...refused, now })).toEqual({ integrations: 0, names: [], requests: 0 });
  });
});

describe('ipLimitDryRun', () => {
  let key: Scope;
  let foreign: Scope;

  beforeAll(async () => {
    key = await newKey();
    const calls: Call[] = [
      { at: daysAgo(3), ip: '10.0.0.5', integrationName: 'Zapier' },
      { at: daysAgo(1), ip: '10.0.0.5', integrationName: 'Zapier' },
      { at: daysAgo(4), ip: '192.0.2.7', integrationName: 'Make' },
      { at: daysAgo(2), ip: '192.0.2.7' },
      { at: daysAgo(1), ip: '192.0.2.9', integrationName: 'Refused', outcome: 'ip_not_allowed' },
      { at: daysAgo(1), ip: '192.0.2.10', outcome: 'key_disabled' },
      { at: daysAgo(45), ip: '203.0.113.1', integrationName: 'Gone' },
    ];
    await record(key, calls);
    foreign = await recordElsewhere(key, calls);
  });

  it("reports the window's allowed callers that new limits would refuse", async () => {
    expect(await ipLimitDryRun({ ...key, ipLimits: ['10.0.0.0/8'], now })).toEqual([
      { ip: '192.0.2.7', integrationNames: ['Make'], lastSeen: daysAgo(2), requests: 2 },
    ]);
    expect(await ipLimitDryRun({ ...key, ipLimits: ['192.0.2.0/24'], now })).toEqual([
      { ip: '10.0.0.5', integrationNames: ['Zapier'], lastSeen: daysAgo(1), requests: 2 },
    ]);
    const wider = await ipLimitDryRun({ ...key, ipLimits: ['198.51.100.0/24'], days: 60, now });
    expect(wider.map((caller) => caller.ip)).toEqual(['10.0.0.5', '192.0.2.7', '203.0.113.1']);
  });

  it('reports nobody when the new limits still admit every caller, or when there are none', async () => {
    expect(await ipLimitDryRun({ ...key, ipLimits: ['10.0.0.5', '192.0.2.7'], now })).toEqual([]);
    expect(await ipLimitDryRun({ ...key, ipLimits: [], now })).toEqual([]);
  });

  it('reports a caller whose address was not recorded, since limits would refuse it', async () => {
    const unknown = await newKey();
    await record(unknown, [{ at: daysAgo(1), ip: null, integrationName: 'Hidden' }]);
    expect(await ipLimitDryRun({ ...unknown, ipLimits: ['10.0.0.0/8'], now })).toEqual([
      { ip: null, integrationNames: ['Hidden'], lastSeen: daysAgo(1), requests: 1 },
    ]);
  });

  it('shows nothing of a key to another community', async () => {
    expect(await ipLimitDryRun({ ...foreign, ipLimits: ['10.0.0.0/8'], now })).toEqual([]);
  });
});
