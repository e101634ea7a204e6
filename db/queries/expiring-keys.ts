import 'server-only';
import { and, asc, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Db, Tx } from '../index';
import { apiKeys } from '../schema';

export type ExpiringKey = { id: string; expiresAt: Date; lastUsedAt: Date | null };
type Due = { days: number; limit: number; communityId?: string };

/**
 * Working keys that expire within `days` and have not been reminded of this expiry, soonest first.
 * Its conditions are those of api_keys_expiring_idx, so it reads that index by expires_at.
 * `communityId` narrows it to one community (tests sharing one database).
 */
export function expiringKeysDue(db: Db | Tx, { days, limit, communityId }: Due) {
  return db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(
      and(
        eq(apiKeys.status, 'enabled'),
        isNull(apiKeys.deletedAt),
        sql`${apiKeys.expiresAt} is not null`,
        gt(apiKeys.expiresAt, sql`now()`),
        lte(apiKeys.expiresAt, sql`now() + make_interval(days => ${days})`),
        sql`${apiKeys.expiryNoticeFor} is distinct from ${apiKeys.expiresAt}`,
        communityId ? eq(apiKeys.communityId, communityId) : undefined,
      ),
    )
    .orderBy(asc(apiKeys.expiresAt))
    .limit(limit);
}

/**
 * Marks the keys due a reminder as reminded (of their current expires_at) and returns them. Rows
 * another instance is claiming are skipped, so two instances never remind of one key twice.
 */
export async function claimExpiringKeys(tx: Tx, due: Due): Promise<ExpiringKey[]> {
  const claimed = await tx
    .update(apiKeys)
    .set({ expiryNoticeFor: sql`${apiKeys.expiresAt}` })
    .where(inArray(apiKeys.id, expiringKeysDue(tx, due).for('update', { skipLocked: true })))
    .returning({ id: apiKeys.id, expiresAt: apiKeys.expiresAt, lastUsedAt: apiKeys.lastUsedAt });
  return claimed.map((key) => ({ ...key, expiresAt: key.expiresAt as Date }));
}
