import { beforeAll, describe, expect, it } from 'vitest';
import { newKey, nonZero, now, record, recordElsewhere, setUpUsageFixtures, type Call, type Scope } from './__fixtures__/usage-rows';
import { requestLog, usageSeries } from './api-usage';

setUpUsageFixtures();

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
