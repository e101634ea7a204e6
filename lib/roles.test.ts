import { describe, expect, it } from 'vitest';
import { isAdmin } from './roles';

describe('isAdmin', () => {
  it.each([
    ['an admin', { role: 'admin' as const }, true],
    ['a member', { role: 'member' as const }, false],
    ['nobody signed in', null, false],
  ])('%s → %s', (_label, user, expected) => {
    expect(isAdmin(user)).toBe(expected);
  });
});
