import 'server-only';
import { and, asc, desc, eq, exists, gte, isNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import { ALLOWED_OUTCOMES } from '@/lib/api-keys/outcomes';
import type { Db, Tx } from '../index';
import { apiKeys, apiRequests } from '../schema';
import { secondsAgo } from './notice-windows';

/**
 * Each key with notifications on has one open digest window, from `notify_digest_from` until now.
 * A window is digested once it spans the interval and holds requests; closing it (moving the start
 * to the end) happens in the transaction that queues the digest, only if nobody closed it first.
 */

const countAll = sql<number>`count(*)::int`.mapWith(Number);

/** A key's first use starts its digest clock at that first call: the first-use notice covers the moment. */
export async function startDigestWindows(tx: Tx, starts: { apiKeyId: string; at: Date }[]) {
  for (const { apiKeyId, at } of [...starts].sort((a, b) => a.apiKeyId.localeCompare(b.apiKeyId))) {
    await tx
      .update(apiKeys)
      .set({ notifyDigestFrom: at })
      .where(and(eq(apiKeys.id, apiKeyId), eq(apiKeys.notifyOnUse, true)));
  }
}

/**
 * A window's bounds as Postgres holds them (microseconds, ISO 8601): a JavaScript Date would round
 * them to milliseconds, and closing the window compares the start exactly.
 */
export type DigestWindow = { apiKeyId: string; from: string; to: string };

const isoMicros = (value: SQL) => sql<string>`to_char((${value}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const at = (iso: string) => sql`${iso}::timestamptz`;

/**
 * Windows due for a digest: at least `intervalSeconds` long, ending `settleSeconds` ago (usage
 * rows reach the table a moment after the call), with requests in them. Reads only; no locks.
 */
export async function dueDigestWindows(db: Db, { intervalSeconds, settleSeconds, limit }: { intervalSeconds: number; settleSeconds: number; limit: number }): Promise<DigestWindow[]> {
  const windowEnd = secondsAgo(settleSeconds);
  return db
    .select({ apiKeyId: apiKeys.id, from: isoMicros(sql`${apiKeys.notifyDigestFrom}`), to: isoMicros(windowEnd) })
    .from(apiKeys)
    .where(
      and(
        eq(apiKeys.notifyOnUse, true),
        isNull(apiKeys.deletedAt),
        lte(apiKeys.notifyDigestFrom, secondsAgo(intervalSeconds + settleSeconds)),
        exists(
          db
            .select({ one: sql`1` })
            .from(apiRequests)
            .where(and(eq(apiRequests.apiKeyId, apiKeys.id), gte(apiRequests.at, apiKeys.notifyDigestFrom), lt(apiRequests.at, windowEnd))),
        ),
      ),
    )
    .orderBy(asc(apiKeys.notifyDigestFrom))
    .limit(limit);
}

/** Closes the window if it is still open at `from`; false when another instance (or an edit) got there first. */
export async function closeDigestWindow(tx: Tx, { apiKeyId, from, to }: DigestWindow): Promise<boolean> {
  const closed = await tx
    .update(apiKeys)
    .set({ notifyDigestFrom: at(to) })
    .where(and(eq(apiKeys.id, apiKeyId), eq(apiKeys.notifyOnUse, true), eq(apiKeys.notifyDigestFrom, at(from))))
    .returning({ id: apiKeys.id });
  return closed.length > 0;
}

/** What a digest reports for one key's window [from, to): totals, outcomes, addresses, integrations. */
export async function usageInWindow(db: Db | Tx, { apiKeyId, from, to }: DigestWindow) {
  const inWindow = and(eq(apiRequests.apiKeyId, apiKeyId), gte(apiRequests.at, at(from)), lt(apiRequests.at, at(to)));
  const group = <T extends typeof apiRequests.outcome | typeof apiRequests.ip | typeof apiRequests.integrationName>(column: T) =>
    db.select({ value: column, count: countAll }).from(apiRequests).where(inWindow).groupBy(column).orderBy(desc(countAll));
  const [outcomes, ips, integrations] = await Promise.all([group(apiRequests.outcome), group(apiRequests.ip), group(apiRequests.integrationName)]);
  const total = outcomes.reduce((sum, row) => sum + row.count, 0);
  const allowed = outcomes.filter((row) => (ALLOWED_OUTCOMES as readonly string[]).includes(row.value)).reduce((sum, row) => sum + row.count, 0);
  return { total, allowed, denied: total - allowed, outcomes, ips, integrations };
}

