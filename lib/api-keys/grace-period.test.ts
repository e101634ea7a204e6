import { describe, expect, it } from 'vitest';
import { graceEndsAt, GRACE_PERIOD_VALUES } from './grace-period';

const now = new Date('2026-11-26T12:00:00Z');

describe('graceEndsAt', () => {
  it('adds the chosen period', () => {
    expect(graceEndsAt('none', now, null)).toEqual(now);
    expect(graceEndsAt('1h', now, null)).toEqual(new Date('2026-11-26T13:00:00Z'));
    expect(graceEndsAt('24h', now, null)).toEqual(new Date('2026-11-27T12:00:00Z'));
    expect(graceEndsAt('7d', now, null)).toEqual(new Date('2026-12-03T12:00:00Z'));
  });

  it('never runs past the key’s own expiry', () => {
    const expiry = new Date('2026-11-26T18:00:00Z');
    expect(graceEndsAt('7d', now, expiry)).toEqual(expiry);
    expect(graceEndsAt('1h', now, expiry)).toEqual(new Date('2026-11-26T13:00:00Z'));
  });

  it('offers exactly none, 1 hour, 24 hours and 7 days', () => {
    expect(GRACE_PERIOD_VALUES).toEqual(['none', '1h', '24h', '7d']);
  });
});
