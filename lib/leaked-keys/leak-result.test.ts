import { describe, expect, it } from 'vitest';
import { leakResult } from './leak-result';

describe('what a report of a real secret does', () => {
  it.each([
    { policy: 'disable', status: 'enabled', currentSecret: true, expected: 'disabled' },
    { policy: 'disable', status: 'disabled', currentSecret: true, expected: 'already_disabled' },
    { policy: 'disable', status: 'enabled', currentSecret: false, expected: 'old_secret_ended' },
    { policy: 'disable', status: 'disabled', currentSecret: false, expected: 'old_secret_ended' },
    { policy: 'notify', status: 'enabled', currentSecret: true, expected: 'notified' },
    { policy: 'notify', status: 'disabled', currentSecret: true, expected: 'already_disabled' },
    { policy: 'notify', status: 'enabled', currentSecret: false, expected: 'notified' },
  ] as const)('$policy, $status key, current secret $currentSecret → $expected', ({ expected, ...input }) => {
    expect(leakResult(input)).toBe(expected);
  });
});
