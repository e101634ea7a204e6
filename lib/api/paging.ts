import { parseQuery } from './query';
import { pagingQuerySchema } from './schemas/paging';

export type Paging = { page: number; pageSize: number; offset: number };

/** `?page=&pageSize=`: bad values are a 400 with a message per field, never silently clamped. */
export function parsePaging(params: URLSearchParams): Paging {
  const { page, pageSize } = parseQuery(pagingQuerySchema, params);
  return { page, pageSize, offset: (page - 1) * pageSize };
}

export function paged<T>(data: T[], total: number, { page, pageSize }: Paging) {
  return { data, paging: { page, pageSize, total, totalPages: Math.ceil(total / pageSize) } };
}
