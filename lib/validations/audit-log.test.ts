import { describe, expect, it } from 'vitest';
import { routes } from '@/lib/routes';
import { auditLogHref, parseAuditLogSearch } from './audit-log';

const keyId = '3f2b8c1e-9d4a-4b7e-8f1c-2a6d5e4b3c21';

describe('parseAuditLogSearch', () => {
  it('reads key, action and page', () => {
    expect(parseAuditLogSearch({ key: keyId, action: 'api_key.rotated', page: '3' })).toEqual({ apiKeyId: keyId, action: 'api_key.rotated', page: 3 });
  });

  it('defaults to everything, page 1', () => {
    expect(parseAuditLogSearch({})).toEqual({ apiKeyId: undefined, action: undefined, page: 1 });
    expect(parseAuditLogSearch({ key: '', action: '' })).toEqual({ apiKeyId: undefined, action: undefined, page: 1 });
  });

  it('drops bad values instead of failing', () => {
    expect(parseAuditLogSearch({ key: "1' or 1=1", action: 'api_key.hacked', page: '-2' })).toEqual({ apiKeyId: undefined, action: undefined, page: 1 });
    expect(parseAuditLogSearch({ page: '2.5' }).page).toBe(1);
    expect(parseAuditLogSearch({ page: 'abc' }).page).toBe(1);
    expect(parseAuditLogSearch({ page: '1e99' }).page).toBe(1);
    expect(parseAuditLogSearch({ action: 'toString' }).action).toBeUndefined();
  });

  it('takes the first of repeated parameters and normalises the key id', () => {
    expect(parseAuditLogSearch({ key: [keyId.toUpperCase(), 'x'], page: ['2', '9'] })).toEqual({ apiKeyId: keyId, action: undefined, page: 2 });
  });
});

describe('auditLogHref', () => {
  it('keeps the filters and leaves out defaults', () => {
    expect(auditLogHref({})).toBe(routes.auditLog);
    expect(auditLogHref({ page: 1 })).toBe(routes.auditLog);
    expect(auditLogHref({ apiKeyId: keyId, action: 'api_key.edited', page: 2 })).toBe(`${routes.auditLog}?key=${keyId}&action=api_key.edited&page=2`);
  });
});
