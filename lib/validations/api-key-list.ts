import { z } from 'zod';
import { DEFAULT_KEY_LIST_SORT, KEY_LIST_SORT_VALUES, KEY_LIST_SORTS, KEY_LIST_STATUS_VALUES, type KeyListSort, type KeyListStatus } from '@/lib/api-keys/key-list';
import { decodeCursor, encodeCursor, isCursorTime, type KeysetCursor } from '@/lib/keyset-cursor';
import { routes } from '@/lib/routes';
import { first, hrefWith, MAX_SEARCH_LENGTH, searchText, type SearchParams } from './search-params';

/** The list's URL state: what is searched, filtered and sorted, and which page (a cursor) is shown. */
export type ApiKeyListSearch = { q?: string; status?: KeyListStatus; sort: KeyListSort; after?: KeysetCursor; before?: KeysetCursor };

/** A bad value is dropped (no filter, default sort, first page), never an error. */
const schema = z.object({
  q: searchText,
  status: z.preprocess(first, z.enum(KEY_LIST_STATUS_VALUES).optional()).catch(undefined),
  sort: z.preprocess(first, z.enum(KEY_LIST_SORT_VALUES).default(DEFAULT_KEY_LIST_SORT)).catch(DEFAULT_KEY_LIST_SORT),
  after: z.preprocess(first, z.string().optional()).catch(undefined),
  before: z.preprocess(first, z.string().optional()).catch(undefined),
});

// A name sorts by lower(name): a little longer than the name itself in a few scripts, never much.
const isSortValue = { time: isCursorTime, text: (value: string) => value.length <= MAX_SEARCH_LENGTH * 4 } as const;

export function parseApiKeyListSearch(params: SearchParams): ApiKeyListSearch {
  const { q, status, sort, after, before } = schema.parse(params);
  const rule = { value: isSortValue[KEY_LIST_SORTS[sort].cursor], nullable: KEY_LIST_SORTS[sort].nullable };
  const decode = (token: string | undefined) => (token === undefined ? undefined : (decodeCursor(token, rule) ?? undefined));
  // A page has one edge: with both, the one going forward wins.
  const afterCursor = decode(after);
  return { q, status, sort, after: afterCursor, before: afterCursor ? undefined : decode(before) };
}

/** The list's URL; the default sort, no filter and the first page are left out. */
export function apiKeyListHref({ q, status, sort = DEFAULT_KEY_LIST_SORT, after, before }: Partial<ApiKeyListSearch>): string {
  return hrefWith(routes.apiKeys, {
    q,
    status,
    sort: sort === DEFAULT_KEY_LIST_SORT ? undefined : sort,
    after: after && encodeCursor(after),
    before: before && encodeCursor(before),
  });
}
