import { describe, expect, it } from 'vitest';
import { tokenLabel, type MatchedSecret } from './token-label';

const now = Date.parse('2026-12-01T12:00:00Z');
const current = (status: MatchedSecret['status']): MatchedSecret => ({ status, current: true, secretExpiresAt: null });
const previous = (status: MatchedSecret['status'], endsInMs: number): MatchedSecret => ({ status, current: false, secretExpiresAt: new Date(now + endsInMs) });

describe('the label GitHub gets for a reported token', () => {
  it.each([
    ['an unknown or foreign token', undefined, 'false_positive'],
    ['an enabled key', current('enabled'), 'true_positive'],
    ['a disabled key (an admin can enable it)', current('disabled'), 'true_positive'],
    ['a deleted key', current('deleted'), 'false_positive'],
    ['an old secret in its grace period', previous('enabled', 60_000), 'true_positive'],
    ['an old secret of a disabled key, in its grace period', previous('disabled', 60_000), 'true_positive'],
    ['an old secret past its grace period', previous('enabled', -1), 'false_positive'],
    ['an old secret whose grace period ends this instant', previous('enabled', 0), 'false_positive'],
    ['an old secret of a deleted key', previous('deleted', 60_000), 'false_positive'],
  ] as const)('%s → %s', (_, secret, expected) => {
    expect(tokenLabel(secret as MatchedSecret | undefined, now)).toBe(expected);
  });
});
