import { z } from 'zod';
import { unstorableText } from '@/lib/storable-text';

/** A page's search params as Next hands them over. */
export type SearchParams = Record<string, string | string[] | undefined>;

/** `?q=a&q=b` arrives as an array: the first value counts, as in a form with one control of that name. */
export const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);

/** The longest search worth running: a key name is at most 100 characters. */
export const MAX_SEARCH_LENGTH = 100;

/**
 * What was typed into a search box: trimmed, and dropped (no search) when empty, too long, or not
 * text Postgres can take (a NUL would be a 500, not "no match"). The URL is the user's to edit.
 */
export const searchText = z
  .preprocess(
    first,
    z
      .string()
      .trim()
      .max(MAX_SEARCH_LENGTH)
      .refine((text) => unstorableText(text) === null)
      .transform((text) => text || undefined)
      .optional(),
  )
  .catch(undefined);

/** A URL of `path` with the given params, empty ones left out, in the order given. */
export function hrefWith(path: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) query.set(name, value);
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

/** A 1-based page number; anything else is page 1. */
export const pageNumber = z.preprocess(first, z.coerce.number().int().min(1).max(1_000_000).default(1)).catch(1);
