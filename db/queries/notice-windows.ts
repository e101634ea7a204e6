import 'server-only';
import { and, asc, desc, eq, exists, gt, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../index';
import { apiKeys, apiRequests } from '../schema';

/**
 * The "at most one per key per interval" rules for immediate notices, settled in the database so
 * that any number of instances agree: a claim moves the key's marker forward in the transaction
 * that queues the message, under a row lock, so two instances never both claim one interval.
 */

export const secondsAgo = (seconds: number) => sql`now() - make_interval(secs => ${seconds})`;
const countAll = sql<number>`count(*)::int`.mapWith(Number);

const MARKERS = { ip_refused: apiKeys.ipRefusalNoticeAt, new_ip: apiKeys.newIpNoticeAt } as const;
export type RateLimitedNotice = keyof typeof MARKERS;

/**
 * Keys among `keyIds` whose last notice of this kind is older than the interval (or was never
 * sent): marks them noticed now and returns each with the previous notice's time.
 */
export async function claimNoticeInterval(tx: Tx, { notice, keyIds, intervalSeconds }: { notice: RateLimitedNotice; keyIds: string[]; intervalSeconds: number }) {
  if (keyIds.length === 0) return [];
  const marker = MARKERS[notice];
  // Rows are locked in id order, as every batch transaction does, so two claims never deadlock.
  const due = await tx
    .select({ id: apiKeys.id, previous: marker })
    .from(apiKeys)
    .where(and(inArray(apiKeys.id, keyIds), isNull(apiKeys.deletedAt), or(isNull(marker), lte(marker, secondsAgo(intervalSeconds)))))
    .orderBy(asc(apiKeys.id))
    .for('update');
  if (due.length === 0) return [];
  const claimed = await tx
    .update(apiKeys)
    .set({ [notice === 'ip_refused' ? 'ipRefusalNoticeAt' : 'newIpNoticeAt']: sql`now()` })
    .where(inArray(apiKeys.id, due.map((key) => key.id)))
    .returning({ id: apiKeys.id, at: marker });
  const previous = new Map(due.map((key) => [key.id, key.previous]));
  return claimed.map(({ id, at }) => ({ apiKeyId: id, previous: previous.get(id) ?? null, noticedAt: at as Date }));
}

/** Keys whose IP limits refused calls after their last refusal notice, which is older than the interval. */
export async function keysWithUnreportedRefusals(db: Db | Tx, { intervalSeconds, limit }: { intervalSeconds: number; limit: number }): Promise<string[]> {
  const rows = await db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(
      and(
        isNull(apiKeys.deletedAt),
        lte(apiKeys.ipRefusalNoticeAt, secondsAgo(intervalSeconds)),
        exists(
          db
            .select({ one: sql`1` })
            .from(apiRequests)
            .where(and(eq(apiRequests.apiKeyId, apiKeys.id), eq(apiRequests.outcome, 'ip_not_allowed'), gt(apiRequests.at, apiKeys.ipRefusalNoticeAt))),
        ),
      ),
    )
    .limit(limit);
  return rows.map((row) => row.id);
}

/**
 * Calls the key's IP limits refused since `since`, per address, most first. The integration
 * shown is the name that address sent most often (a caller cannot pick it by sorting order).
 */
export async function refusedCallsSince(tx: Tx, { apiKeyId, since }: { apiKeyId: string; since: Date }) {
  return tx
    .select({ ip: apiRequests.ip, count: countAll, integrationName: sql<string | null>`mode() within group (order by ${apiRequests.integrationName})` })
    .from(apiRequests)
    .where(and(eq(apiRequests.apiKeyId, apiKeyId), eq(apiRequests.outcome, 'ip_not_allowed'), gte(apiRequests.at, since)))
    .groupBy(apiRequests.ip)
    .orderBy(desc(countAll));
}
