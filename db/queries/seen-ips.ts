// No `import 'server-only'`: called inside the usage recorder's batch transaction (server.ts loads it).
import { count, inArray } from 'drizzle-orm';
import type { Tx } from '../index';
import { apiKeySeenIps } from '../schema';

export type SeenIp = { apiKeyId: string; ip: string; at: Date };

/**
 * Remembers which addresses made allowed calls with each key, and returns the pairs never seen
 * before, each marked `firstUse` when it is among the key's very first addresses. Idempotent: a
 * batch written twice finds nothing new the second time, so it queues no notice twice.
 */
export async function recordSeenIps(tx: Tx, seen: SeenIp[]): Promise<(SeenIp & { firstUse: boolean })[]> {
  if (seen.length === 0) return [];
  const inserted = await tx
    .insert(apiKeySeenIps)
    .values(seen.map(({ apiKeyId, ip, at }) => ({ apiKeyId, ip, firstSeenAt: at })))
    .onConflictDoNothing()
    .returning({ apiKeyId: apiKeySeenIps.apiKeyId, ip: apiKeySeenIps.ip, at: apiKeySeenIps.firstSeenAt });
  if (inserted.length === 0) return [];
  const keyIds = [...new Set(inserted.map((row) => row.apiKeyId))];
  const totals = await tx
    .select({ apiKeyId: apiKeySeenIps.apiKeyId, n: count() })
    .from(apiKeySeenIps)
    .where(inArray(apiKeySeenIps.apiKeyId, keyIds))
    .groupBy(apiKeySeenIps.apiKeyId);
  const newPerKey = new Map<string, number>();
  for (const row of inserted) newPerKey.set(row.apiKeyId, (newPerKey.get(row.apiKeyId) ?? 0) + 1);
  // Every address the key has is new in this batch: this batch holds the key's first use.
  const firstUse = new Set(totals.filter((t) => t.n === newPerKey.get(t.apiKeyId)).map((t) => t.apiKeyId));
  return inserted.map((row) => ({ ...row, firstUse: firstUse.has(row.apiKeyId) }));
}

