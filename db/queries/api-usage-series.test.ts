import { beforeAll, describe, expect, it } from 'vitest';
import { newKey, nonZero, now, record, recordElsewhere, setUpUsageFixtures, type Call, type Scope } from './__fixtures__/usage-rows';
import { usageSeries } from './api-usage';

setUpUsageFixtures();

describe('usageSeries', () => {
  let key: Scope;
  let foreign: Scope;
  const calls: Call[] = [
    { at: '2031-03-15T10:10:00Z' },
    { at: '2031-03-15T10:20:00Z', outcome: 'ip_not_allowed' },
    { at: '2031-03-15T10:29:59Z', outcome: 'validation_failed' },
    { at: '2031-03-15T10:05:00Z', outcome: 'internal_error' },
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

  it('counts the last 24 hours per UTC hour, oldest first, zero-filled, split into allowed, refused by the key’s rules, client and server errors', async () => {
    const series = await usageSeries({ ...key, range: '24h', now });
    expect(series).toHaveLength(24);
    expect(series[0].start.toISOString()).toBe('2031-03-14T11:00:00.000Z');
    expect(series[23].start.toISOString()).toBe('2031-03-15T10:00:00.000Z');
    expect(series.every((bucket, i) => i === 0 || bucket.start.getTime() - series[i - 1].start.getTime() === 3_600_000)).toBe(true);
    expect(nonZero(series)).toEqual([
      { index: 0, start: '2031-03-14T11:00:00.000Z', allowed: 1, refused: 0, client_error: 0, server_error: 0 },
      { index: 21, start: '2031-03-15T08:00:00.000Z', allowed: 1, refused: 0, client_error: 0, server_error: 0 },
      { index: 23, start: '2031-03-15T10:00:00.000Z', allowed: 1, refused: 1, client_error: 1, server_error: 1 },
    ]);
  });

  it('counts 7 and 30 days per UTC day', async () => {
    const week = await usageSeries({ ...key, range: '7d', now });
    expect(week).toHaveLength(7);
    expect(nonZero(week)).toEqual([
      { index: 0, start: '2031-03-09T00:00:00.000Z', allowed: 0, refused: 1, client_error: 0, server_error: 0 },
      { index: 5, start: '2031-03-14T00:00:00.000Z', allowed: 2, refused: 0, client_error: 0, server_error: 0 },
      { index: 6, start: '2031-03-15T00:00:00.000Z', allowed: 2, refused: 1, client_error: 1, server_error: 1 },
    ]);

    const month = await usageSeries({ ...key, range: '30d', now });
    expect(month).toHaveLength(30);
    expect(month[0].start.toISOString()).toBe('2031-02-14T00:00:00.000Z');
    expect(nonZero(month)).toEqual([
      { index: 0, start: '2031-02-14T00:00:00.000Z', allowed: 1, refused: 0, client_error: 0, server_error: 0 },
      { index: 22, start: '2031-03-08T00:00:00.000Z', allowed: 1, refused: 0, client_error: 0, server_error: 0 },
      { index: 23, start: '2031-03-09T00:00:00.000Z', allowed: 0, refused: 1, client_error: 0, server_error: 0 },
      { index: 28, start: '2031-03-14T00:00:00.000Z', allowed: 2, refused: 0, client_error: 0, server_error: 0 },
      { index: 29, start: '2031-03-15T00:00:00.000Z', allowed: 2, refused: 1, client_error: 1, server_error: 1 },
    ]);
  });

  it('shows nothing of a key to another community', async () => {
    const series = await usageSeries({ ...foreign, range: '30d', now });
    expect(series).toHaveLength(30);
    expect(nonZero(series)).toEqual([]);
  });
});
