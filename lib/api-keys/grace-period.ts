/** Rotation grace periods: how long the replaced secret keeps working. One table for UI and server. */
export const GRACE_PERIODS = {
  none: { label: 'None: the old secret stops at once', ms: 0 },
  '1h': { label: '1 hour', ms: 60 * 60 * 1000 },
  '24h': { label: '24 hours', ms: 24 * 60 * 60 * 1000 },
  '7d': { label: '7 days', ms: 7 * 24 * 60 * 60 * 1000 },
} as const;

export type GracePeriod = keyof typeof GRACE_PERIODS;
export const GRACE_PERIOD_VALUES = Object.keys(GRACE_PERIODS) as [GracePeriod, ...GracePeriod[]];

/** When the old secret stops working: never later than the key's own expiry. */
export function graceEndsAt(grace: GracePeriod, now: Date, keyExpiresAt: Date | null): Date {
  const end = new Date(now.getTime() + GRACE_PERIODS[grace].ms);
  return keyExpiresAt && keyExpiresAt < end ? keyExpiresAt : end;
}
