import { describe, expect, it } from 'vitest';
import { pathOf } from './request-path';

describe('pathOf', () => {
  it('keeps the path and the query a visitor asked for', () => {
    expect(pathOf(new URL('http://c.test/admin/integration-center/audit-log?key=k1&action=created'))).toBe('/admin/integration-center/audit-log?key=k1&action=created');
    expect(pathOf(new URL('http://c.test/admin'))).toBe('/admin');
  });

  it("drops Next's client-navigation marker", () => {
    expect(pathOf(new URL('http://c.test/admin/integration-center?_rsc=1x2y'))).toBe('/admin/integration-center');
    expect(pathOf(new URL('http://c.test/admin?page=2&_rsc=1x2y'))).toBe('/admin?page=2');
  });
});
