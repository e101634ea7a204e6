import { z } from 'zod';
import { AUDIT_ACTION_VALUES, type AuditAction } from '@/lib/audit-actions';
import { routes } from '@/lib/routes';
import { first, hrefWith, pageNumber, searchText, type SearchParams } from './search-params';

export const AUDIT_LOG_PAGE_SIZE = 25;

/** A bad value is dropped (filter off, page 1), never an error: the URL is the user's to edit. */
const auditLogSearchSchema = z.object({
  key: searchText,
  action: z.preprocess(first, z.enum(AUDIT_ACTION_VALUES).optional()).catch(undefined),
  page: pageNumber,
});

/** `key` is what the Key box holds: a key's id (links from elsewhere pass one) or part of its name or hint. */
export type AuditLogSearch = { key?: string; action?: AuditAction; page: number };

export function parseAuditLogSearch(params: SearchParams): AuditLogSearch {
  return auditLogSearchSchema.parse(params);
}

/** The audit log URL for these filters and page; page 1 and empty filters are left out. */
export function auditLogHref({ key, action, page = 1 }: Partial<AuditLogSearch>): string {
  return hrefWith(routes.auditLog, { key, action, page: page > 1 ? String(page) : undefined });
}
