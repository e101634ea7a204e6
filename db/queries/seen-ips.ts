import 'server-only';
import { and, eq, notInArray } from 'drizzle-orm';
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
  const newByKey = new Map<string, string[]>();
  for (const row of inserted) newByKey.set(row.apiKeyId, [...(newByKey.get(row.apiKeyId) ?? []), row.ip]);
  // A key with no address besides this batch's new ones is used for the first time (an index probe per key).
  const firstUse = new Set<string>();
  for (const [apiKeyId, ips] of newByKey) {
    const [older] = await tx
      .select({ ip: apiKeySeenIps.ip })
      .from(apiKeySeenIps)
      .where(and(eq(apiKeySeenIps.apiKeyId, apiKeyId), notInArray(apiKeySeenIps.ip, ips)))
      .limit(1);
    if (!older) firstUse.add(apiKeyId);
  }
  return inserted.map((row) => ({ ...row, firstUse: firstUse.has(row.apiKeyId) }));
}

