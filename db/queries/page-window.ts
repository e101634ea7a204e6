import 'server-only';

/**
 * LIMIT/OFFSET for page `page` (1-based) of `pageSize` rows, whatever a caller passed: whole
 * numbers, at least 1, at most `maxPageSize`. Admin lists validate their search params first
 * (lib/validations); this only keeps a bad value from reaching SQL.
 */
export function pageWindow({ page, pageSize }: { page: number; pageSize: number }, maxPageSize: number) {
  const limit = Math.min(Math.max(Math.trunc(pageSize) || 1, 1), maxPageSize);
  const offset = (Math.max(Math.trunc(page) || 1, 1) - 1) * limit;
  return { limit, offset };
}
