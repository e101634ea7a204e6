const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The usage chart's ranges: buckets are whole UTC hours or days, the last one is the current one. */
export const USAGE_RANGES = {
  '24h': { label: '24 hours', buckets: 24, bucketMs: HOUR_MS },
  '7d': { label: '7 days', buckets: 7, bucketMs: DAY_MS },
  '30d': { label: '30 days', buckets: 30, bucketMs: DAY_MS },
} as const;

export type UsageRange = keyof typeof USAGE_RANGES;
export const USAGE_RANGE_VALUES = Object.keys(USAGE_RANGES) as [UsageRange, ...UsageRange[]];
export const DEFAULT_USAGE_RANGE: UsageRange = '7d';

/** `?range=` from the URL; anything unknown falls back to the default. */
export function parseUsageRange(value: string | string[] | undefined | null): UsageRange {
  return typeof value === 'string' && Object.hasOwn(USAGE_RANGES, value) ? (value as UsageRange) : DEFAULT_USAGE_RANGE;
}
