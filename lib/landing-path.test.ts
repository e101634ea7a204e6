import { describe, expect, it } from 'vitest';
import { isAdminPath, landingPath } from './landing-path';

const admin = { role: 'admin' as const };
const member = { role: 'member' as const };

describe('landingPath', () => {
  it.each([
    ['/admin/integration-center/api-keys', admin, '/admin/integration-center/api-keys'],
    ['/admin/integration-center/api-keys', member, '/'],
    ['/admin', member, '/'],
    ['/admin?tab=1', member, '/'],
    ['/admin/../admin/integration-center', member, '/'],
    ['/docs/api', member, '/docs/api'],
    ['/administrators', member, '/administrators'],
    ['//evil.example/admin', admin, '/'],
    [undefined, member, '/'],
  ])('%s for %o → %s', (callbackUrl, user, expected) => {
    expect(landingPath(callbackUrl, user)).toBe(expected);
  });
});

describe('isAdminPath', () => {
  it.each([
    ['/admin', true],
    ['/admin/', true],
    ['/admin#x', true],
    ['/adminx', false],
    ['/', false],
  ])('%s → %s', (path, expected) => {
    expect(isAdminPath(path)).toBe(expected);
  });
});
