// No `import 'server-only'`: runs inside the usage recorder's batch transaction (server.ts loads it).
import { and, desc, eq, exists, gte, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { ALLOWED_OUTCOMES } from '@/lib/api-keys/outcomes';
import type { Tx } from '../index';
import { apiKeys, apiRequests } from '../schema';

/**
 * The "at most one per key per interval" rules, settled in the database so that any number of
 * instances agree: each claim moves the key's marker forward in the transaction that queues the
 * message, under a row lock, so two instances never both claim the same window.
 */

const secondsAgo = (seconds: number) => sql`now() - make_interval(secs => ${seconds})`;
const countAll = sql<number>`count(*)::int`.mapWith(Number);

/**
 * Keys among `keyIds` whose last "IP limit refused calls" notice is older than the interval (or
 * never sent): marks them noticed now and returns each with the start of the period to report.
 */
export async function claimIpRefusalNotices(tx: Tx, { keyIds, intervalSeconds }: { keyIds: string[]; intervalSeconds: number }) {
  if (keyIds.length === 0) return [];
  const due = await tx
    .select({ id: apiKeys.id, previous: apiKeys.ipRefusalNoticeAt })
    .from(apiKeys)
    .where(
      and(
        inArray(apiKeys.id, keyIds),
        isNull(apiKeys.deletedAt),
        or(isNull(apiKeys.ipRefusalNoticeAt), lte(apiKeys.ipRefusalNoticeAt, secondsAgo(intervalSeconds))),
      ),
    )
    .for('update');
  if (due.length === 0) return [];
  const claimed = await tx
    .update(apiKeys)
    .set({ ipRefusalNoticeAt: sql`now()` })
    .where(inArray(apiKeys.id, due.map((key) => key.id)))
    .returning({ id: apiKeys.id, at: apiKeys.ipRefusalNoticeAt });
  const previous = new Map(due.map((key) => [key.id, key.previous]));
  return claimed.map(({ id, at }) => {
    const noticedAt = at as Date;
    // First notice ever: report the last interval; otherwise everything since the previous notice.
    const since = previous.get(id) ?? new Date(noticedAt.getTime() - intervalSeconds * 1000);
    return { apiKeyId: id, since, noticedAt };
  });
}

/** Calls the key's IP limits refused since `since`, per address, most first. */
export async function refusedCallsSince(tx: Tx, { apiKeyId, since }: { apiKeyId: string; since: Date }) {
  return tx
    .select({ ip: apiRequests.ip, count: countAll, integrationName: sql<string | null>`max(${apiRequests.integrationName})` })
    .from(apiRequests)
    .where(and(eq(apiRequests.apiKeyId, apiKeyId), eq(apiRequests.outcome, 'ip_not_allowed'), gte(apiRequests.at, since)))
    .groupBy(apiRequests.ip)
    .orderBy(desc(countAll));
}

/** A key's first use starts its digest clock: the first-use notice already told the admin. */
export async function restartDigestWindow(tx: Tx, { keyIds }: { keyIds: string[] }) {
  if (keyIds.length === 0) return;
  await tx
    .update(apiKeys)
    .set({ notifyDigestFrom: sql`now()` })
    .where(and(inArray(apiKeys.id, keyIds), eq(apiKeys.notifyOnUse, true)));
}

/**
 * Keys with notifications on whose digest window is at least `intervalSeconds` old and holds
 * requests: closes each window at `settleSeconds` ago (rows reach the table a little late) and
 * returns it. Keys another instance is digesting right now are skipped, not waited for.
 */
export async function claimDueDigests(
  tx: Tx,
  { intervalSeconds, settleSeconds, limit }: { intervalSeconds: number; settleSeconds: number; limit: number },
) {
  const windowEnd = secondsAgo(settleSeconds);
  const due = await tx
    .select({ id: apiKeys.id, from: apiKeys.notifyDigestFrom })
    .from(apiKeys)
    .where(
      and(
        eq(apiKeys.notifyOnUse, true),
        isNull(apiKeys.deletedAt),
        lte(apiKeys.notifyDigestFrom, secondsAgo(intervalSeconds)),
        exists(
          tx
            .select({ one: sql`1` })
            .from(apiRequests)
            .where(and(eq(apiRequests.apiKeyId, apiKeys.id), gte(apiRequests.at, apiKeys.notifyDigestFrom), lt(apiRequests.at, windowEnd))),
        ),
      ),
    )
    .limit(limit)
    .for('update', { skipLocked: true });
  if (due.length === 0) return [];
  const closed = await tx
    .update(apiKeys)
    .set({ notifyDigestFrom: windowEnd })
    .where(inArray(apiKeys.id, due.map((key) => key.id)))
    .returning({ id: apiKeys.id, to: apiKeys.notifyDigestFrom });
  const from = new Map(due.map((key) => [key.id, key.from as Date]));
  return closed.map(({ id, to }) => ({ apiKeyId: id, from: from.get(id) as Date, to: to as Date }));
}

/** What a digest reports for one key's window [from, to): totals, outcomes, addresses, integrations. */
export async function usageInWindow(db: Tx, { apiKeyId, from, to }: { apiKeyId: string; from: Date; to: Date }) {
  const inWindow = and(eq(apiRequests.apiKeyId, apiKeyId), gte(apiRequests.at, from), lt(apiRequests.at, to));
  const group = <T extends typeof apiRequests.outcome | typeof apiRequests.ip | typeof apiRequests.integrationName>(column: T) =>
    db.select({ value: column, count: countAll }).from(apiRequests).where(inWindow).groupBy(column).orderBy(desc(countAll));
  const [outcomes, ips, integrations] = await Promise.all([group(apiRequests.outcome), group(apiRequests.ip), group(apiRequests.integrationName)]);
  const total = outcomes.reduce((sum, row) => sum + row.count, 0);
  const allowed = outcomes.filter((row) => (ALLOWED_OUTCOMES as readonly string[]).includes(row.value)).reduce((sum, row) => sum + row.count, 0);
  return { total, allowed, denied: total - allowed, outcomes, ips, integrations };
}
