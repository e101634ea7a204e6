import { z } from 'zod';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

const positiveInt = (name: string, max?: number) => {
  const base = z.coerce.number({ message: `${name} must be a whole number` }).int(`${name} must be a whole number`).min(1, `${name} must be at least 1`);
  return max ? base.max(max, `${name} must be at most ${max}`) : base.max(1_000_000, `${name} must be at most 1000000`);
};

/** `?page=&pageSize=` of every list: parsed by `parsePaging`, documented as its query parameters. */
export const pagingQuerySchema = z.object({
  page: positiveInt('page').default(1).meta({ description: 'Page number, from 1.' }),
  pageSize: positiveInt('pageSize', MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE).meta({ description: `Items per page, 1–${MAX_PAGE_SIZE}.` }),
});

const pagingSchema = z
  .object({
    page: z.number().int().min(1),
    pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE),
    total: z.number().int().min(0).meta({ description: 'Items in all pages.' }),
    totalPages: z.number().int().min(0),
  })
  .meta({ id: 'Paging' });

/** A list answer: `{data:[…], paging:{page,pageSize,total,totalPages}}`. */
export function pagedSchema<T extends z.ZodType>(item: T, id: string) {
  return z.object({ data: z.array(item), paging: pagingSchema }).meta({ id });
}
