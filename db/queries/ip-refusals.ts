import 'server-only';
import { and, desc, eq, gt, gte, ne, sql } from 'drizzle-orm';
import { compileIpLimits } from '@/lib/ip-limits';
import { getDb } from '../index';
import { apiUsageCallers, apiUsageHourly } from '../schema';
import { callersOfKey, sumOf } from './api-usage';
import { hourlyOfKeySince } from './usage-rollups';

const WINDOW_MS = 86_400_000;
/** Addresses the banner offers to allow; more are rarely one integration's and would crowd it. */
export const IP_REFUSAL_ADDRESSES = 3;
// Read this many recent refused addresses, then keep those the current limits still refuse.
const CANDIDATES = 50;

export type IpRefusals = { refused: number; addresses: string[] };

/**
 * The key page's "refused by this key's IP limits" banner: how many calls ip_not_allowed refused
 * in the last 24 hours (hourly rollup, so from the start of the window's first hour) and the most
 * recent addresses behind them that the key's current limits still refuse (caller rollup). Null
 * when there is nothing to act on: no refusals, limits allowing any address, or every refused
 * address allowed since. Reads the two rollups only, never the raw request log.
 */
export async function ipRefusals({
  apiKeyId,
  communityId,
  ipLimits,
  now = new Date(),
}: {
  apiKeyId: string;
  communityId: string;
  ipLimits: string[];
  now?: Date;
}): Promise<IpRefusals | null> {
  if (ipLimits.length === 0) return null;
  const since = new Date(now.getTime() - WINDOW_MS);
  const lastSeen = sql`max(${apiUsageCallers.lastSeenAt})`;
  const db = getDb();
  const [[count], callers] = await Promise.all([
    db
      .select({ refused: sumOf(apiUsageHourly.requests) })
      .from(apiUsageHourly)
      .where(and(hourlyOfKeySince({ apiKeyId, communityId, since }), eq(apiUsageHourly.outcome, 'ip_not_allowed'))),
    db
      .select({ ip: apiUsageCallers.ip })
      .from(apiUsageCallers)
      .where(and(callersOfKey({ apiKeyId, communityId }), gte(apiUsageCallers.lastSeenAt, since), gt(apiUsageCallers.denied, 0), ne(apiUsageCallers.ip, '')))
      .groupBy(apiUsageCallers.ip)
      .orderBy(desc(lastSeen))
      .limit(CANDIDATES),
  ]);
  const refused = count?.refused ?? 0;
  if (refused === 0) return null;
  // The guard's own matcher: an address the banner offers is one the guard refuses today.
  const allowed = compileIpLimits(ipLimits);
  const addresses = callers.map((caller) => caller.ip).filter((ip) => !allowed(ip)).slice(0, IP_REFUSAL_ADDRESSES);
  return addresses.length === 0 ? null : { refused, addresses };
}
