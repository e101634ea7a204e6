import { z } from 'zod';
import { zodFieldErrors } from './body';
import { ApiError } from './errors';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

const positiveInt = (name: string, max?: number) => {
  const base = z.coerce.number({ message: `${name} must be a whole number` }).int(`${name} must be a whole number`).min(1, `${name} must be at least 1`);
  return max ? base.max(max, `${name} must be at most ${max}`) : base.max(1_000_000, `${name} must be at most 1000000`);
};

const pagingSchema = z.object({
  page: positiveInt('page').default(1),
  pageSize: positiveInt('pageSize', MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
});

export type Paging = { page: number; pageSize: number; offset: number };

/** `?page=&pageSize=`: bad values are a 400 with a message per field, never silently clamped. */
export function parsePaging(params: URLSearchParams): Paging {
  const raw = { page: params.get('page') ?? undefined, pageSize: params.get('pageSize') ?? undefined };
  const parsed = pagingSchema.safeParse(raw);
  if (!parsed.success) throw new ApiError('validation_failed', undefined, zodFieldErrors(parsed.error));
  const { page, pageSize } = parsed.data;
  return { page, pageSize, offset: (page - 1) * pageSize };
}

export function paged<T>(data: T[], total: number, { page, pageSize }: Paging) {
  return { data, paging: { page, pageSize, total, totalPages: Math.ceil(total / pageSize) } };
}
