import 'server-only';
import { and, desc, eq, gte, inArray, lt, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { ALLOWED_OUTCOMES, outcomesOfGroup, type UsageGroup } from '@/lib/api-keys/outcomes';
import { distinctCallerLabels, INTEGRATIONS_SEEN_LIMIT, KEY_IMPACT_NAMES } from '@/lib/callers';
import { compileIpLimits } from '@/lib/ip-limits';
import { USAGE_RANGES, type UsageRange } from '@/lib/usage-ranges';
import { getDb } from '../index';
import { apiUsageCallers, apiUsageHourly } from '../schema';
import { hourlyOfKeySince } from './usage-rollups';

/**
 * One key's usage for its page: usage chart, integrations seen, and the impact of disabling the
 * key or tightening its IP limits. All read the rollups the usage recorder keeps
 * (api_usage_hourly, api_usage_callers), never the raw request log, so a busy key's page costs
 * the same as a quiet one's. Every query filters by the community as well as the key, so a key
 * id from another community reads as unused. `now` is optional everywhere: one clock reading per
 * page render, and fixed clocks in tests. The request log itself is request-log.ts.
 */

const DAY_MS = 86_400_000;

/** One bar of the usage chart: its requests in each usage group (lib/api-keys/outcomes.ts). */
export type UsageBucket = { start: Date } & Record<UsageGroup, number>;

type KeyScope = { apiKeyId: string; communityId: string };

export function callersOfKey({ apiKeyId, communityId }: KeyScope): SQL {
  return and(eq(apiUsageCallers.apiKeyId, apiKeyId), eq(apiUsageCallers.communityId, communityId)) as SQL;
}

const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);
export const sumOf = (expression: SQL | AnyColumn) => sql<number>`coalesce(sum(${expression}), 0)::bigint`.mapWith(Number);
/** The rollup stores an unknown name, user agent or address as '' (one primary key); callers read null. */
const unknownAsNull = (column: AnyColumn) => sql<string | null>`nullif(${column}, '')`;
const allowedHours = inArray(apiUsageHourly.outcome, ALLOWED_OUTCOMES);

const requestsOf = (group: UsageGroup) =>
  sql<number>`coalesce(sum(${apiUsageHourly.requests}) filter (where ${inArray(apiUsageHourly.outcome, outcomesOfGroup(group))}), 0)::bigint`.mapWith(Number);

/**
 * Requests per bucket in each usage group, oldest first, with zeros for every bucket without any.
 * Refused is what is left over, so an outcome the code no longer knows still counts, as refused.
 */
export async function usageSeries({
  apiKeyId,
  communityId,
  range,
  now = new Date(),
}: KeyScope & { range: UsageRange; now?: Date }): Promise<UsageBucket[]> {
  const { buckets, bucketMs } = USAGE_RANGES[range];
  // Epoch milliseconds are UTC, and the epoch starts at a UTC midnight: flooring gives UTC hours
  // and days, and every hourly row falls in exactly one bucket.
  const first = Math.floor(now.getTime() / bucketMs) * bucketMs - (buckets - 1) * bucketMs;
  const end = first + buckets * bucketMs;
  const bucket = sql<number>`floor((extract(epoch from ${apiUsageHourly.hour}) * 1000 - ${first}::bigint) / ${bucketMs}::bigint)::int`;
  const rows = await getDb()
    .select({
      bucket: bucket.mapWith(Number),
      allowed: requestsOf('allowed'),
      clientErrors: requestsOf('client_error'),
      serverErrors: requestsOf('server_error'),
      total: sumOf(apiUsageHourly.requests),
    })
    .from(apiUsageHourly)
    .where(and(hourlyOfKeySince({ apiKeyId, communityId, since: new Date(first) }), lt(apiUsageHourly.hour, new Date(end))))
    // By position: the bucket expression carries bind parameters, which Postgres would not match to a repeated copy.
    .groupBy(sql`1`);

  const byBucket = new Map(rows.map((row) => [row.bucket, row]));
  return Array.from({ length: buckets }, (_, index) => {
    const { allowed = 0, clientErrors = 0, serverErrors = 0, total = 0 } = byBucket.get(index) ?? {};
    return {
      start: new Date(first + index * bucketMs),
      allowed,
      refused: total - allowed - clientErrors - serverErrors,
      client_error: clientErrors,
      server_error: serverErrors,
    };
  });
}

/**
 * Who called the key: one row per (integration name, user agent, IP), allowed and denied calls
 * alike, most recently seen first. `sinceDays` leaves out callers not seen in that many days;
 * first seen and the counts are still the caller's whole recorded history.
 */
export async function integrationsSeen({
  apiKeyId,
  communityId,
  sinceDays,
  now = new Date(),
}: KeyScope & { sinceDays?: number; now?: Date }) {
  return getDb()
    .select({
      integrationName: unknownAsNull(apiUsageCallers.integrationName),
      userAgent: unknownAsNull(apiUsageCallers.userAgent),
      ip: unknownAsNull(apiUsageCallers.ip),
      firstSeen: apiUsageCallers.firstSeenAt,
      lastSeen: apiUsageCallers.lastSeenAt,
      requests: apiUsageCallers.requests,
      denied: apiUsageCallers.denied,
    })
    .from(apiUsageCallers)
    .where(and(callersOfKey({ apiKeyId, communityId }), sinceDays === undefined ? undefined : gte(apiUsageCallers.lastSeenAt, daysBefore(now, sinceDays))))
    .orderBy(desc(apiUsageCallers.lastSeenAt), desc(apiUsageCallers.requests))
    .limit(INTEGRATIONS_SEEN_LIMIT);
}

export type IntegrationSeen = Awaited<ReturnType<typeof integrationsSeen>>[number];

export type KeyImpact = { integrations: number; names: string[]; requests: number };

/**
 * What disabling or deleting the key would break: the callers (grouped as in integrationsSeen)
 * it allowed a request of in the last `days` days, the most recent ones' labels for the confirm
 * dialog, and how many requests it allowed in that window (from the hourly rollup, so counted
 * from the start of the window's first hour).
 */
export async function keyImpact({
  apiKeyId,
  communityId,
  days = 30,
  now = new Date(),
}: KeyScope & { days?: number; now?: Date }): Promise<KeyImpact> {
  const since = daysBefore(now, days);
  const db = getDb();
  const [callers, [allowed]] = await Promise.all([
    db
      .select({
        integrationName: unknownAsNull(apiUsageCallers.integrationName),
        userAgent: unknownAsNull(apiUsageCallers.userAgent),
        ip: unknownAsNull(apiUsageCallers.ip),
        integrations: sql<number>`(count(*) over ())::int`.mapWith(Number),
      })
      .from(apiUsageCallers)
      .where(and(callersOfKey({ apiKeyId, communityId }), gte(apiUsageCallers.lastAllowedAt, since)))
      .orderBy(desc(apiUsageCallers.lastAllowedAt), desc(apiUsageCallers.requests))
      .limit(KEY_IMPACT_NAMES),
    db
      .select({ requests: sumOf(apiUsageHourly.requests) })
      .from(apiUsageHourly)
      .where(and(hourlyOfKeySince({ apiKeyId, communityId, since }), allowedHours)),
  ]);
  // No caller allowed in the window: the hour-rounded count may still see the window's first
  // partial hour, but nothing would break.
  const requests = callers.length > 0 ? (allowed?.requests ?? 0) : 0;
  return { integrations: callers[0]?.integrations ?? 0, names: distinctCallerLabels(callers), requests };
}

export type IpLimitDryRunCaller = { ip: string | null; integrationNames: string[]; lastSeen: Date; requests: number };

/**
 * A dry run of new IP limits against recorded usage: the addresses that had a request allowed
 * in the last `days` days and that the new limits would refuse, most recently allowed first.
 * `lastSeen` is the address's newest allowed request; `requests` counts every request ever
 * allowed from it (the caller rollup keeps totals, not a window). No limits means any address,
 * so nobody would be refused.
 */
export async function ipLimitDryRun({
  apiKeyId,
  communityId,
  ipLimits,
  days = 30,
  now = new Date(),
}: KeyScope & { ipLimits: string[]; days?: number; now?: Date }): Promise<IpLimitDryRunCaller[]> {
  if (ipLimits.length === 0) return [];
  const name = apiUsageCallers.integrationName;
  const lastAllowed = sql`max(${apiUsageCallers.lastAllowedAt})`;
  const rows = await getDb()
    .select({
      ip: unknownAsNull(apiUsageCallers.ip),
      integrationNames: sql<string[]>`coalesce(array_agg(distinct ${name}) filter (where ${name} <> ''), '{}')`,
      lastSeen: sql<Date>`${lastAllowed}`.mapWith(apiUsageCallers.lastAllowedAt),
      requests: sumOf(sql`${apiUsageCallers.requests} - ${apiUsageCallers.denied}`),
    })
    .from(apiUsageCallers)
    .where(and(callersOfKey({ apiKeyId, communityId }), gte(apiUsageCallers.lastAllowedAt, daysBefore(now, days))))
    .groupBy(apiUsageCallers.ip)
    .orderBy(desc(lastAllowed));
  // The same matcher the guard uses, so the dry run cannot disagree with enforcement.
  const wouldAllow = compileIpLimits(ipLimits);
  return rows.filter((row) => !wouldAllow(row.ip));
}
