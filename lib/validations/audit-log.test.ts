import { describe, expect, it } from 'vitest';
import { routes } from '@/lib/routes';
import { auditLogHref, parseAuditLogSearch } from './audit-log';

const keyId = '3f2b8c1e-9d4a-4b7e-8f1c-2a6d5e4b3c21';

describe('parseAuditLogSearch', () => {
  it('reads key, action and page', () => {
    expect(parseAuditLogSearch({ key: keyId, action: 'api_key.rotated', page: '3' })).toEqual({ key: keyId, action: 'api_key.rotated', page: 3 });
    expect(parseAuditLogSearch({ key: ' Jira sync ' })).toEqual({ key: 'Jira sync', action: undefined, page: 1 });
  });

  it('defaults to everything, page 1', () => {
    expect(parseAuditLogSearch({})).toEqual({ key: undefined, action: undefined, page: 1 });
    expect(parseAuditLogSearch({ key: '  ', action: '' })).toEqual({ key: undefined, action: undefined, page: 1 });
  });

  it('drops bad values instead of failing', () => {
    expect(parseAuditLogSearch({ key: 'x'.repeat(101), action: 'api_key.hacked', page: '-2' })).toEqual({ key: undefined, action: undefined, page: 1 });
    expect(parseAuditLogSearch({ key: 'a\0b' }).key).toBeUndefined();
    expect(parseAuditLogSearch({ page: '2.5' }).page).toBe(1);
    expect(parseAuditLogSearch({ page: 'abc' }).page).toBe(1);
    expect(parseAuditLogSearch({ page: '1e99' }).page).toBe(1);
    expect(parseAuditLogSearch({ action: 'toString' }).action).toBeUndefined();
  });

  it('takes the first of repeated parameters', () => {
    expect(parseAuditLogSearch({ key: [keyId, 'x'], page: ['2', '9'] })).toEqual({ key: keyId, action: undefined, page: 2 });
  });

  it('keeps any other text as a search: it is a query parameter, never SQL', () => {
    expect(parseAuditLogSearch({ key: "1' or 1=1" }).key).toBe("1' or 1=1");
  });
});

describe('auditLogHref', () => {
  it('keeps the filters and leaves out defaults', () => {
    expect(auditLogHref({})).toBe(routes.auditLog);
    expect(auditLogHref({ page: 1 })).toBe(routes.auditLog);
    expect(auditLogHref({ key: keyId, action: 'api_key.edited', page: 2 })).toBe(`${routes.auditLog}?key=${keyId}&action=api_key.edited&page=2`);
    expect(auditLogHref({ key: 'Jira & co' })).toBe(`${routes.auditLog}?key=Jira+%26+co`);
  });
});
