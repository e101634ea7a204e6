import { describe, expect, it } from 'vitest';
import { expiryUrgency, keyState, oldSecretValidUntil } from './key-state';

describe('keyState', () => {
  const now = Date.parse('2026-11-26T12:00:00Z');
  it('is enabled without expiry or before it', () => {
    expect(keyState({ status: 'enabled', expiresAt: null }, now)).toBe('enabled');
    expect(keyState({ status: 'enabled', expiresAt: new Date(now + 1000) }, now)).toBe('enabled');
  });
  it('is expired at and after the expiry', () => {
    expect(keyState({ status: 'enabled', expiresAt: new Date(now) }, now)).toBe('expired');
  });
  it('keeps disabled and deleted whatever the expiry', () => {
    expect(keyState({ status: 'disabled', expiresAt: new Date(now - 1) }, now)).toBe('disabled');
    expect(keyState({ status: 'deleted', expiresAt: null }, now)).toBe('deleted');
  });
});

describe('oldSecretValidUntil', () => {
  const now = Date.parse('2026-11-26T12:00:00Z');
  const until = new Date(now + 2 * 3600_000);
  it('is the end of the grace period while the key works', () => {
    expect(oldSecretValidUntil({ status: 'enabled', expiresAt: null, rotatingUntil: until }, now)).toBe(until);
  });
  it('is nothing without a rotation, once it is over, or when the key is disabled or expired', () => {
    expect(oldSecretValidUntil({ status: 'enabled', expiresAt: null, rotatingUntil: null }, now)).toBeNull();
    expect(oldSecretValidUntil({ status: 'enabled', expiresAt: null, rotatingUntil: new Date(now) }, now)).toBeNull();
    expect(oldSecretValidUntil({ status: 'disabled', expiresAt: null, rotatingUntil: until }, now)).toBeNull();
    expect(oldSecretValidUntil({ status: 'enabled', expiresAt: new Date(now - 1), rotatingUntil: until }, now)).toBeNull();
  });
});

describe('expiryUrgency', () => {
  const now = Date.parse('2026-11-26T12:00:00Z');
  const DAY = 86_400_000;
  it.each([
    [null, 'never'],
    [new Date(now + 20 * DAY), 'later'],
    [new Date(now + 7 * DAY + 1), 'later'],
    [new Date(now + 7 * DAY), 'soon'],
    [new Date(now + 1), 'soon'],
    [new Date(now), 'expired'],
    [new Date(now - 3 * DAY), 'expired'],
  ] as const)('%s is %s', (expiresAt, expected) => {
    expect(expiryUrgency(expiresAt, now)).toBe(expected);
  });
});
