import 'server-only';
import { and, asc, desc, eq, inArray, notInArray, sql, type SQL } from 'drizzle-orm';
import { ALLOWED_OUTCOMES, type OutcomeFilter } from '@/lib/api-keys/outcomes';
import { encodeLogCursor, type LogCursor, type LogPosition } from '@/lib/request-log-cursor';
import { DEFAULT_REQUEST_LOG_PAGE_SIZE, MAX_REQUEST_LOG_PAGE_SIZE } from '@/lib/request-log';
import { getDb } from '../index';
import { apiRequests, apiUsageHourly } from '../schema';
import { hourlyOfKeySince, hourlyOutcomeCondition } from './usage-rollups';

/**
 * A key's request log, newest first, a page at a time by keyset on (at, id): each page is an
 * index range read of api_requests_key_at_id_idx (or, filtered, api_requests_key_outcome_at_id_idx)
 * whatever its depth, where OFFSET read and threw away every row before it. No exact count over
 * the whole history: the count shown is the last 30 days' from the hourly rollup.
 */

type KeyScope = { apiKeyId: string; communityId: string };
type Bound = { op: '<' | '<=' | '>' | '>='; cursor: LogCursor };
type Direction = 'newest' | 'oldest';

const COUNT_DAYS = 30;

/** What a request shows, in the log and on its detail page (request-detail.ts). */
export const REQUEST_COLUMNS = {
  requestId: apiRequests.requestId,
  at: apiRequests.at,
  method: apiRequests.method,
  path: apiRequests.path,
  status: apiRequests.status,
  outcome: apiRequests.outcome,
  ip: apiRequests.ip,
  userAgent: apiRequests.userAgent,
  integrationName: apiRequests.integrationName,
  latencyMs: apiRequests.latencyMs,
};

const columns = {
  id: apiRequests.id,
  ...REQUEST_COLUMNS,
  // The database's own microseconds, for the next page's cursor (lib/request-log-cursor.ts).
  cursorAt: sql<string>`to_char(${apiRequests.at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('cursor_at'),
};

const beyond = ({ op, cursor }: Bound) =>
  sql`(${apiRequests.at}, ${apiRequests.id}) ${sql.raw(op)} (${cursor.at}::timestamptz, ${cursor.id}::bigint)`;

/**
 * Every outcome the key has a "denied" row with, by a loose index scan of the outcome index: one
 * descent per distinct outcome instead of reading the rows. Outcomes the code no longer knows
 * are found too (they read as denied).
 */
function deniedOutcomesOf(apiKeyId: string): SQL {
  const next = (after: SQL | null) => sql`(select r.outcome from api_requests r where r.api_key_id = ${apiKeyId}
    ${after ? sql`and r.outcome > ${after}` : sql``} order by r.outcome limit 1)`;
  return sql`(with recursive seen(outcome) as (
      select ${next(null)}
      union all
      select ${next(sql`seen.outcome`)} from seen where seen.outcome is not null)
    select outcome from seen where outcome is not null and ${notInArray(sql`outcome`, ALLOWED_OUTCOMES)}) as denied_outcome`;
}

/** Up to `limit` rows of the filter beyond `bound`, from the newest or the oldest end. */
function rowsOf(scope: KeyScope, filter: OutcomeFilter, bound: Bound | null, direction: Direction, limit: number) {
  const db = getDb();
  const order = direction === 'newest' ? [desc(apiRequests.at), desc(apiRequests.id)] : [asc(apiRequests.at), asc(apiRequests.id)];
  const page = (outcome: SQL | undefined) =>
    db
      .select(columns)
      .from(apiRequests)
      .where(and(eq(apiRequests.apiKeyId, scope.apiKeyId), eq(apiRequests.communityId, scope.communityId), outcome, bound ? beyond(bound) : undefined))
      .orderBy(...order)
      .limit(limit);
  if (filter === 'all') return page(undefined);
  if (filter !== 'denied') return page(filter === 'allowed' ? inArray(apiRequests.outcome, ALLOWED_OUTCOMES) : eq(apiRequests.outcome, filter));
  // Many outcomes: the newest `limit` of each (each an ordered range of the outcome index), merged.
  const each = page(sql`${apiRequests.outcome} = denied_outcome.outcome`).as('r');
  const { id, requestId, at, method, path, status, outcome, ip, userAgent, integrationName, latencyMs, cursorAt } = each;
  return db
    .select({ id, requestId, at, method, path, status, outcome, ip, userAgent, integrationName, latencyMs, cursorAt })
    .from(deniedOutcomesOf(scope.apiKeyId))
    .innerJoinLateral(each, sql`true`)
    .orderBy(...(direction === 'newest' ? [desc(at), desc(id)] : [asc(at), asc(id)]))
    .limit(limit);
}

/** How many requests of the filter the last 30 days hold, from the hourly rollup. */
async function recentCount(scope: KeyScope, filter: OutcomeFilter, now: Date): Promise<number> {
  const since = new Date(now.getTime() - COUNT_DAYS * 86_400_000);
  const [row] = await getDb()
    .select({ n: sql<number>`coalesce(sum(${apiUsageHourly.requests}), 0)::bigint`.mapWith(Number) })
    .from(apiUsageHourly)
    .where(and(hourlyOfKeySince({ ...scope, since }), hourlyOutcomeCondition(filter)));
  return row?.n ?? 0;
}

/** The cursor text is for the links; the rows go to the page without it. */
function withoutCursor<T extends { cursorAt: string }>(row: T): Omit<T, 'cursorAt'> {
  const copy: Partial<T> = { ...row };
  delete copy.cursorAt;
  return copy as Omit<T, 'cursorAt'>;
}

const pageSizeOf = (pageSize: number) =>
  Number.isFinite(pageSize) ? Math.min(MAX_REQUEST_LOG_PAGE_SIZE, Math.max(1, Math.floor(pageSize))) : DEFAULT_REQUEST_LOG_PAGE_SIZE;

/**
 * One page of the key's requests, newest first: the newest page, the oldest, or the page just older
 * (`before`) or just newer (`after`) than a cursor. `newer` / `older` are the cursors of the
 * neighbouring pages, null where there are none. `recent` is the filter's count over the last 30
 * days (whole UTC hours), the only count shown.
 */
export async function requestLog({
  apiKeyId,
  communityId,
  filter = 'all',
  position = null,
  pageSize = DEFAULT_REQUEST_LOG_PAGE_SIZE,
  now = new Date(),
}: KeyScope & { filter?: OutcomeFilter; position?: LogPosition; pageSize?: number; now?: Date }) {
  const scope = { apiKeyId, communityId };
  const size = pageSizeOf(pageSize);
  const after = position && 'after' in position ? position.after : null;
  // Read from the oldest end: the rows after a cursor, or the oldest page itself.
  const ascending = after !== null || (position !== null && 'oldest' in position);
  const before = position && 'before' in position ? position.before : null;
  const cursor = after ?? before;
  // One extra row says whether a page lies further the same way; the other way, a one-row probe
  // from the cursor itself (which the previous page ended on) says whether anything is there.
  const [fetched, probe, recent] = await Promise.all([
    ascending ? rowsOf(scope, filter, after && { op: '>', cursor: after }, 'oldest', size + 1) : rowsOf(scope, filter, before && { op: '<', cursor: before }, 'newest', size + 1),
    cursor ? rowsOf(scope, filter, { op: after ? '<=' : '>=', cursor }, after ? 'newest' : 'oldest', 1) : Promise.resolve([]),
    recentCount(scope, filter, now),
  ]);
  const further = fetched.length > size;
  const page = fetched.slice(0, size);
  if (ascending) page.reverse();
  const hasNewer = ascending ? further : probe.length > 0;
  const hasOlder = ascending ? probe.length > 0 : further;
  const cursorOf = (row: (typeof page)[number] | undefined) => (row ? encodeLogCursor({ at: row.cursorAt, id: row.id }) : null);
  return {
    rows: page.map(withoutCursor),
    newer: hasNewer ? cursorOf(page[0]) : null,
    older: hasOlder ? cursorOf(page.at(-1)) : null,
    recent,
  };
}

export type RequestLogPage = Awaited<ReturnType<typeof requestLog>>;
export type RequestLogRow = RequestLogPage['rows'][number];
