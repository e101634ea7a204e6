import { z } from 'zod';
import { AUDIT_ACTION_VALUES, type AuditAction } from '@/lib/audit-actions';
import { isUuid } from '@/lib/is-uuid';
import { routes } from '@/lib/routes';

export const AUDIT_LOG_PAGE_SIZE = 25;

type SearchParams = Record<string, string | string[] | undefined>;

// `?key=a&key=b` arrives as an array: the first value counts, as in a form with one select.
const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);

/** A bad value is dropped (filter off, page 1), never an error: the URL is the user's to edit. */
const auditLogSearchSchema = z.object({
  key: z.preprocess(first, z.string().refine(isUuid).optional()).catch(undefined),
  action: z.preprocess(first, z.enum(AUDIT_ACTION_VALUES).optional()).catch(undefined),
  page: z.preprocess(first, z.coerce.number().int().min(1).max(1_000_000).default(1)).catch(1),
});

export type AuditLogSearch = { apiKeyId?: string; action?: AuditAction; page: number };

export function parseAuditLogSearch(params: SearchParams): AuditLogSearch {
  const { key, action, page } = auditLogSearchSchema.parse(params);
  return { apiKeyId: key?.toLowerCase(), action, page };
}

/** The audit log URL for these filters and page; page 1 and empty filters are left out. */
export function auditLogHref({ apiKeyId, action, page = 1 }: Partial<AuditLogSearch>): string {
  const query = new URLSearchParams();
  if (apiKeyId) query.set('key', apiKeyId);
  if (action) query.set('action', action);
  if (page > 1) query.set('page', String(page));
  const search = query.toString();
  return search ? `${routes.auditLog}?${search}` : routes.auditLog;
}
