import 'server-only';
import { and, asc, eq, gt, gte, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../index';
import { apiKeys, apiRequests, apiUsageCallers, apiUsageHourly } from '../schema';
import { countDeleted, deleteSomePerKey } from './delete-some';

/**
 * The deletes behind retention (lib/retention/). Each removes at most `limit` rows, so a caller
 * deletes in short statements with pauses between them. `communityId` narrows a statement to one
 * community: test files sharing one database.
 */

/**
 * The next `limit` raw rows in id order after `afterId`: the first and last id and how many are
 * older than `before`. Ids follow insertion order and rows are inserted when they happen, so
 * walking ids walks time, and the heap pages in the order they were filled.
 */
export async function requestWindow({ db, afterId, before, limit, communityId }: { db: Db; afterId: number; before: Date; limit: number; communityId?: string }) {
  const window = db
    .$with('request_window')
    .as(
      db
        .select({ id: apiRequests.id, at: apiRequests.at })
        .from(apiRequests)
        .where(and(gt(apiRequests.id, afterId), communityId ? eq(apiRequests.communityId, communityId) : undefined))
        .orderBy(asc(apiRequests.id))
        .limit(limit),
    );
  const [row] = await db
    .with(window)
    .select({
      firstId: sql<number | null>`min(${window.id})`.mapWith(Number),
      lastId: sql<number | null>`max(${window.id})`.mapWith(Number),
      older: sql<number>`count(*) filter (where ${lt(window.at, before)})`.mapWith(Number),
    })
    .from(window);
  return row.lastId ? { firstId: row.firstId as number, lastId: row.lastId, older: row.older } : null;
}

/** Deletes the rows older than `before` among ids firstId…lastId: one primary-key range. */
export async function deleteRequestRange({ db, firstId, lastId, before, communityId }: { db: Db; firstId: number; lastId: number; before: Date; communityId?: string }): Promise<number> {
  return countDeleted(
    db,
    apiRequests,
    and(gte(apiRequests.id, firstId), lte(apiRequests.id, lastId), lt(apiRequests.at, before), communityId ? eq(apiRequests.communityId, communityId) : undefined),
  );
}

/** Key ids in id order after `afterId`: the per-key rollups are pruned a page of keys at a time. */
export async function keyIdPage({ db, afterId, limit, communityId }: { db: Db; afterId: string | null; limit: number; communityId?: string }): Promise<string[]> {
  const rows = await db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(and(afterId ? gt(apiKeys.id, afterId) : undefined, communityId ? eq(apiKeys.communityId, communityId) : undefined))
    .orderBy(asc(apiKeys.id))
    .limit(limit);
  return rows.map((row) => row.id);
}

type KeyBatch = { db: Db; keyIds: string[]; before: Date; limit: number };

/** Hours before `before` of these keys (their primary key starts with the key and the hour). */
export function deleteOldHourlyUsage({ db, keyIds, before, limit }: KeyBatch): Promise<number> {
  return deleteSomePerKey(db, apiUsageHourly, apiUsageHourly.apiKeyId, keyIds, lt(apiUsageHourly.hour, before), limit);
}

/** Callers of these keys last seen before `before` (index on key and last seen). */
export function deleteOldCallers({ db, keyIds, before, limit }: KeyBatch): Promise<number> {
  return deleteSomePerKey(db, apiUsageCallers, apiUsageCallers.apiKeyId, keyIds, lt(apiUsageCallers.lastSeenAt, before), limit);
}
