import 'server-only';
import { and, count, eq, gt, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { KeyListSort, KeyListStatus } from '@/lib/api-keys/key-list';
import type { KeysetCursor } from '@/lib/keyset-cursor';
import { getDb } from '../index';
import { apiKeys } from '../schema';
import { creator, keyListExtras, keyOverview } from './api-keys';
import { keyMatches } from './key-search';

type Direction = 'asc' | 'desc';

/**
 * A run of rows in one index order: the rows it holds (`filter`), the expressions it is ordered by
 * (the sort value, then the id), and the cursor's values for them. A sort is one run, or two where
 * its column can be null (keys used, newest first; then keys never used).
 */
type Run = { filter?: SQL; keys: SQL[]; cursor: (cursor: KeysetCursor) => SQL[] };

/** A time as cursors carry it: UTC with microseconds, so a page never skips a row that a millisecond would round away. */
const cursorTime = (column: SQL | typeof apiKeys.createdAt) => sql<string | null>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const id = sql`${apiKeys.id}`;
const idCursor = (cursor: KeysetCursor) => sql`${cursor.id}::uuid`;

/**
 * Each sort in the order of an index: (community_id, created_at), (community_id, last_used_at, id),
 * (community_id, lower(name), id). `value` is what a cursor remembers of a row.
 */
const SORTS: Record<KeyListSort, { direction: Direction; value: SQL<string | null>; runs: Run[] }> = {
  newest: {
    direction: 'desc',
    value: cursorTime(apiKeys.createdAt),
    runs: [{ keys: [sql`${apiKeys.createdAt}`, id], cursor: (c) => [sql`${c.value}::timestamptz`, idCursor(c)] }],
  },
  'last-used': {
    direction: 'desc',
    value: cursorTime(sql`${apiKeys.lastUsedAt}`),
    runs: [
      { filter: isNotNull(apiKeys.lastUsedAt), keys: [sql`${apiKeys.lastUsedAt}`, id], cursor: (c) => [sql`${c.value}::timestamptz`, idCursor(c)] },
      { filter: isNull(apiKeys.lastUsedAt), keys: [id], cursor: (c) => [idCursor(c)] },
    ],
  },
  name: {
    direction: 'asc',
    value: sql<string>`lower(${apiKeys.name})`,
    runs: [{ keys: [sql`lower(${apiKeys.name})`, id], cursor: (c) => [sql`${c.value}`, idCursor(c)] }],
  },
};

/** The Status filter, as the list's Status column reads a key (lib/api-keys/key-state.ts), at `now`. */
function statusIs(status: KeyListStatus, now: Date): SQL | undefined {
  const enabled = eq(apiKeys.status, 'enabled');
  if (status === 'disabled') return eq(apiKeys.status, 'disabled');
  if (status === 'expired') return and(enabled, lte(apiKeys.expiresAt, now));
  return and(enabled, or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, now)));
}

export type ApiKeyListFilter = { communityId: string; q?: string; status?: KeyListStatus; now: Date };

function listWhere({ communityId, q, status, now }: ApiKeyListFilter): SQL | undefined {
  return and(eq(apiKeys.communityId, communityId), isNull(apiKeys.deletedAt), q ? keyMatches(q) : undefined, status ? statusIs(status, now) : undefined);
}

const flip = (direction: Direction): Direction => (direction === 'asc' ? 'desc' : 'asc');

/**
 * Up to `limit` rows past `cursor` in `direction` (the sort's own, or back towards the first page),
 * nearest first. Each run is one index range scan that stops at its limit; the next run is read only
 * when the one before ran out.
 */
async function readRuns(where: SQL | undefined, sort: KeyListSort, cursor: KeysetCursor | undefined, backwards: boolean, limit: number) {
  const { runs, value, direction: sortDirection } = SORTS[sort];
  const direction = backwards ? flip(sortDirection) : sortDirection;
  // Runs in reading order; the cursor's own run is bounded by it, the runs before it are already behind.
  const ordered = backwards ? [...runs].reverse() : runs;
  const cursorRun = cursor ? ordered.indexOf(cursor.value === null ? runs[runs.length - 1] : runs[0]) : 0;
  const rows = [];
  for (const run of ordered.slice(cursorRun)) {
    const bound = cursor && run === ordered[cursorRun] ? sql`(${sql.join(run.keys, sql`, `)}) ${sql.raw(direction === 'asc' ? '>' : '<')} (${sql.join(run.cursor(cursor), sql`, `)})` : undefined;
    rows.push(
      ...(await getDb()
        .select({ ...keyOverview, sortValue: value })
        .from(apiKeys)
        .innerJoin(creator, eq(creator.id, apiKeys.createdById))
        .where(and(where, run.filter, bound))
        .orderBy(...run.keys.map((key) => sql`${key} ${sql.raw(direction)}`))
        .limit(limit - rows.length)),
    );
    if (rows.length >= limit) break;
  }
  return rows;
}

export type ApiKeyListQuery = ApiKeyListFilter & { sort: KeyListSort; after?: KeysetCursor; before?: KeysetCursor; pageSize: number };

/**
 * One page of the API Keys list, deleted keys left out, with how many keys match and the cursors of
 * the pages before and after it (null at either end). Keyset pages: each is an index range scan of
 * `pageSize` rows, as fast on the last page as on the first. A `before` cursor with less than a page
 * before it is the start of the list: the first page is shown instead.
 */
export async function listApiKeys(query: ApiKeyListQuery) {
  const where = listWhere(query);
  const { sort, pageSize } = query;
  const backwards = query.after === undefined && query.before !== undefined;
  const cursor = backwards ? query.before : query.after;
  const [read, [{ total }]] = await Promise.all([
    readRuns(where, sort, cursor, backwards, pageSize + 1),
    getDb().select({ total: count() }).from(apiKeys).where(where),
  ]);
  if (backwards && read.length <= pageSize) return listApiKeys({ ...query, before: undefined });

  const more = read.length > pageSize;
  const page = backwards ? read.slice(0, pageSize).reverse() : read.slice(0, pageSize);
  const extras = await keyListExtras({ communityId: query.communityId, ids: page.map((key) => key.id) });
  const rows = page.map(({ sortValue, ...key }) => ({ ...key, rotatingUntil: null, requests7d: 0, ipRefused24h: 0, ...extras.get(key.id), cursor: { value: sortValue, id: key.id } }));
  const edge = (row: (typeof rows)[number] | undefined) => (row ? row.cursor : null);
  return {
    rows,
    total,
    previous: backwards ? (more ? edge(rows[0]) : null) : cursor ? edge(rows[0]) : null,
    next: backwards ? edge(rows.at(-1)) : more ? edge(rows.at(-1)) : null,
  };
}

export type ApiKeyListPage = Awaited<ReturnType<typeof listApiKeys>>;
export type ApiKeyListItem = ApiKeyListPage['rows'][number];
