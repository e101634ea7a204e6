import { describe, expect, it } from 'vitest';
import { DEFAULT_USAGE_RANGE, parseUsageRange, USAGE_RANGE_VALUES, USAGE_RANGES } from './usage-ranges';

describe('usage ranges', () => {
  it('offers 24 hours, 7 days and 30 days, each spanning its whole period', () => {
    expect(USAGE_RANGE_VALUES).toEqual(['24h', '7d', '30d']);
    expect(USAGE_RANGE_VALUES.map((range) => (USAGE_RANGES[range].buckets * USAGE_RANGES[range].bucketMs) / 3_600_000)).toEqual([24, 7 * 24, 30 * 24]);
  });

  it.each([
    ['24h', '24h'],
    ['30d', '30d'],
    [undefined, DEFAULT_USAGE_RANGE],
    ['', DEFAULT_USAGE_RANGE],
    ['1y', DEFAULT_USAGE_RANGE],
    ['toString', DEFAULT_USAGE_RANGE],
    [['24h', '30d'], DEFAULT_USAGE_RANGE],
  ])('reads ?range=%j as %s', (value, expected) => {
    expect(parseUsageRange(value)).toBe(expected);
  });
});
