import 'server-only';
import { and, asc, eq, exists, gte, inArray, lt, ne, notExists, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../index';
import { apiKeys, apiKeySeenIps, apiUsageCallers } from '../schema';
import { countDeleted } from './delete-some';

/** A place in api_key_seen_ips' primary-key order. */
export type SeenIpCursor = { apiKeyId: string; ip: string };

type SeenIpWindow = { db: Db; after: SeenIpCursor | null; limit: number; communityId?: string };

const pk = sql`(${apiKeySeenIps.apiKeyId}, ${apiKeySeenIps.ip})`;
const cursor = ({ apiKeyId, ip }: SeenIpCursor) => sql`(${apiKeyId}::uuid, ${ip}::text)`;

function inWindow({ db, after, communityId }: Omit<SeenIpWindow, 'limit'>, last?: SeenIpCursor | null): SQL | undefined {
  return and(
    after ? sql`${pk} > ${cursor(after)}` : undefined,
    last ? sql`${pk} <= ${cursor(last)}` : undefined,
    communityId ? inArray(apiKeySeenIps.apiKeyId, db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.communityId, communityId))) : undefined,
  );
}

/**
 * The last row of the next `limit` seen addresses after `after` in primary-key order, or null when
 * fewer are left: every statement then examines one bounded stretch of the table, however many
 * addresses a single key has.
 */
export async function seenIpWindowEnd(window: SeenIpWindow): Promise<SeenIpCursor | null> {
  const [last] = await window.db
    .select({ apiKeyId: apiKeySeenIps.apiKeyId, ip: apiKeySeenIps.ip })
    .from(apiKeySeenIps)
    .where(inWindow(window))
    .orderBy(asc(apiKeySeenIps.apiKeyId), asc(apiKeySeenIps.ip))
    .offset(window.limit - 1)
    .limit(1);
  return last ?? null;
}

/**
 * Deletes the seen addresses after `after` up to `last` (to the end if null) that their key has
 * not been called from since `before` (per the callers rollup), so the new-IP notice treats them as
 * new again. Only on keys accepted since then from a known address: an idle key keeps its
 * addresses, or its next call would read as its first use (db/queries/seen-ips.ts: a key with no
 * other address is used for the first time).
 */
export function deleteStaleSeenIps({ last, before, ...window }: Omit<SeenIpWindow, 'limit'> & { last: SeenIpCursor | null; before: Date }): Promise<number> {
  // OFFSET 0 keeps each check an index probe per address: turned into a join, the planner hashed
  // every recent caller of every key for each stretch (836 ms against 158 ms at 160 000 callers).
  // Written out because drizzle leaves out an offset of 0.
  const callerSince = (...conditions: SQL[]) =>
    sql`(${window.db
      .select({ one: sql`1` })
      .from(apiUsageCallers)
      .where(and(eq(apiUsageCallers.apiKeyId, apiKeySeenIps.apiKeyId), gte(apiUsageCallers.lastSeenAt, before), ...conditions))} offset 0)`;
  const stale = and(
    inWindow(window, last),
    lt(apiKeySeenIps.firstSeenAt, before),
    notExists(callerSince(eq(apiUsageCallers.ip, apiKeySeenIps.ip))),
    exists(callerSince(ne(apiUsageCallers.ip, ''), gte(apiUsageCallers.lastAllowedAt, before))),
  );
  return countDeleted(window.db, apiKeySeenIps, stale);
}
