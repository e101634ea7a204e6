import 'server-only';
import { and, desc, eq, gte, inArray, lt, notInArray, sql, type SQL } from 'drizzle-orm';
import { ALLOWED_OUTCOMES, type OutcomeFilter } from '@/lib/api-keys/outcomes';
import { distinctCallerLabels, INTEGRATIONS_SEEN_LIMIT, KEY_IMPACT_NAMES } from '@/lib/callers';
import { compileIpLimits } from '@/lib/ip-limits';
import { DEFAULT_REQUEST_LOG_PAGE_SIZE, MAX_REQUEST_LOG_PAGE_SIZE } from '@/lib/request-log';
import { USAGE_RANGES, type UsageRange } from '@/lib/usage-ranges';
import { getDb } from '../index';
import { apiRequests } from '../schema';

/**
 * The read side of api_requests for one key's page: usage chart, request log, integrations seen,
 * and the impact of disabling the key or tightening its IP limits. Every query filters by the
 * community as well as the key, so a key id from another community reads as unused.
 * `now` is optional everywhere: one clock reading per page render, and fixed clocks in tests.
 */

const DAY_MS = 86_400_000;

export type UsageBucket = { start: Date; allowed: number; denied: number };

type KeyScope = { apiKeyId: string; communityId: string };

const allowedOutcome = inArray(apiRequests.outcome, ALLOWED_OUTCOMES);
const deniedOutcome = notInArray(apiRequests.outcome, ALLOWED_OUTCOMES);

function ofKey({ apiKeyId, communityId }: KeyScope): SQL {
  return and(eq(apiRequests.apiKeyId, apiKeyId), eq(apiRequests.communityId, communityId)) as SQL;
}

const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);
const countAll = sql<number>`count(*)::int`.mapWith(Number);
const firstSeen = sql<Date>`min(${apiRequests.at})`.mapWith(apiRequests.at);
const lastSeen = sql<Date>`max(${apiRequests.at})`.mapWith(apiRequests.at);

/** Requests per bucket, allowed and denied, oldest first, with a zero for every bucket without any. */
export async function usageSeries({
  apiKeyId,
  communityId,
  range,
  now = new Date(),
}: KeyScope & { range: UsageRange; now?: Date }): Promise<UsageBucket[]> {
  const { buckets, bucketMs } = USAGE_RANGES[range];
  // Epoch milliseconds are UTC, and the epoch starts at a UTC midnight: flooring gives UTC hours and days.
  const first = Math.floor(now.getTime() / bucketMs) * bucketMs - (buckets - 1) * bucketMs;
  const end = first + buckets * bucketMs;
  const bucket = sql<number>`floor((extract(epoch from ${apiRequests.at}) * 1000 - ${first}::bigint) / ${bucketMs}::bigint)::int`;
  const rows = await getDb()
    .select({
      bucket: bucket.mapWith(Number),
      allowed: sql<number>`(count(*) filter (where ${allowedOutcome}))::int`.mapWith(Number),
      total: countAll,
    })
    .from(apiRequests)
    .where(and(ofKey({ apiKeyId, communityId }), gte(apiRequests.at, new Date(first)), lt(apiRequests.at, new Date(end))))
    // By position: the bucket expression carries bind parameters, which Postgres would not match to a repeated copy.
    .groupBy(sql`1`);

  const byBucket = new Map(rows.map((row) => [row.bucket, row]));
  return Array.from({ length: buckets }, (_, index) => {
    const row = byBucket.get(index);
    return { start: new Date(first + index * bucketMs), allowed: row?.allowed ?? 0, denied: row ? row.total - row.allowed : 0 };
  });
}

function outcomeCondition(filter: OutcomeFilter): SQL | undefined {
  if (filter === 'all') return undefined;
  if (filter === 'allowed') return allowedOutcome;
  if (filter === 'denied') return deniedOutcome;
  return eq(apiRequests.outcome, filter);
}

/** One page of the key's requests, newest first, and how many match the filter in all. */
export async function requestLog({
  apiKeyId,
  communityId,
  filter = 'all',
  page = 1,
  pageSize = DEFAULT_REQUEST_LOG_PAGE_SIZE,
}: KeyScope & { filter?: OutcomeFilter; page?: number; pageSize?: number }) {
  // Page numbers come from the URL: anything odd reads as the nearest sensible page.
  const size = Number.isFinite(pageSize) ? Math.min(MAX_REQUEST_LOG_PAGE_SIZE, Math.max(1, Math.floor(pageSize))) : DEFAULT_REQUEST_LOG_PAGE_SIZE;
  const current = Number.isFinite(page) ? Math.max(1, Math.floor(page)) : 1;
  const where = and(ofKey({ apiKeyId, communityId }), outcomeCondition(filter));
  const db = getDb();
  const [rows, [counted]] = await Promise.all([
    db
      .select({
        id: apiRequests.id,
        at: apiRequests.at,
        method: apiRequests.method,
        path: apiRequests.path,
        status: apiRequests.status,
        outcome: apiRequests.outcome,
        ip: apiRequests.ip,
        userAgent: apiRequests.userAgent,
        integrationName: apiRequests.integrationName,
        latencyMs: apiRequests.latencyMs,
      })
      .from(apiRequests)
      .where(where)
      .orderBy(desc(apiRequests.at), desc(apiRequests.id))
      .limit(size)
      .offset((current - 1) * size),
    db.select({ total: countAll }).from(apiRequests).where(where),
  ]);
  return { rows, total: counted?.total ?? 0 };
}

export type RequestLogRow = Awaited<ReturnType<typeof requestLog>>['rows'][number];

/**
 * Who called the key: one row per (integration name, user agent, IP), allowed and denied calls
 * alike, most recently seen first. `sinceDays` leaves out callers not seen in that many days.
 */
export async function integrationsSeen({
  apiKeyId,
  communityId,
  sinceDays,
  now = new Date(),
}: KeyScope & { sinceDays?: number; now?: Date }) {
  return getDb()
    .select({
      integrationName: apiRequests.integrationName,
      userAgent: apiRequests.userAgent,
      ip: apiRequests.ip,
      firstSeen,
      lastSeen,
      requests: countAll,
      denied: sql<number>`(count(*) filter (where ${deniedOutcome}))::int`.mapWith(Number),
    })
    .from(apiRequests)
    .where(and(ofKey({ apiKeyId, communityId }), sinceDays === undefined ? undefined : gte(apiRequests.at, daysBefore(now, sinceDays))))
    .groupBy(apiRequests.integrationName, apiRequests.userAgent, apiRequests.ip)
    .orderBy(desc(sql`max(${apiRequests.at})`), desc(sql`count(*)`))
    .limit(INTEGRATIONS_SEEN_LIMIT);
}

export type IntegrationSeen = Awaited<ReturnType<typeof integrationsSeen>>[number];

export type KeyImpact = { integrations: number; names: string[]; requests: number };

/**
 * What disabling or deleting the key would break: the callers (grouped as in integrationsSeen)
 * whose requests it allowed in the last `days` days, how many requests that was, and the most
 * recent callers' labels for the confirm dialog.
 */
export async function keyImpact({
  apiKeyId,
  communityId,
  days = 30,
  now = new Date(),
}: KeyScope & { days?: number; now?: Date }): Promise<KeyImpact> {
  const rows = await getDb()
    .select({
      integrationName: apiRequests.integrationName,
      userAgent: apiRequests.userAgent,
      ip: apiRequests.ip,
      // Window functions run after grouping: they count the groups and add up their requests.
      integrations: sql<number>`(count(*) over ())::int`.mapWith(Number),
      requests: sql<number>`(sum(count(*)) over ())::bigint`.mapWith(Number),
    })
    .from(apiRequests)
    .where(and(ofKey({ apiKeyId, communityId }), allowedOutcome, gte(apiRequests.at, daysBefore(now, days))))
    .groupBy(apiRequests.integrationName, apiRequests.userAgent, apiRequests.ip)
    .orderBy(desc(sql`max(${apiRequests.at})`), desc(sql`count(*)`))
    .limit(KEY_IMPACT_NAMES);
  return { integrations: rows[0]?.integrations ?? 0, names: distinctCallerLabels(rows), requests: rows[0]?.requests ?? 0 };
}

export type IpLimitDryRunCaller = { ip: string | null; integrationNames: string[]; lastSeen: Date; requests: number };

/**
 * A dry run of new IP limits against recorded usage: the addresses whose requests were allowed
 * in the last `days` days and that the new limits would refuse, most recently seen first.
 * No limits means any address, so nobody would be refused.
 */
export async function ipLimitDryRun({
  apiKeyId,
  communityId,
  ipLimits,
  days = 30,
  now = new Date(),
}: KeyScope & { ipLimits: string[]; days?: number; now?: Date }): Promise<IpLimitDryRunCaller[]> {
  if (ipLimits.length === 0) return [];
  const rows = await getDb()
    .select({
      ip: apiRequests.ip,
      integrationNames: sql<string[]>`coalesce(array_agg(distinct ${apiRequests.integrationName}) filter (where ${apiRequests.integrationName} is not null), '{}')`,
      lastSeen,
      requests: countAll,
    })
    .from(apiRequests)
    .where(and(ofKey({ apiKeyId, communityId }), allowedOutcome, gte(apiRequests.at, daysBefore(now, days))))
    .groupBy(apiRequests.ip)
    .orderBy(desc(sql`max(${apiRequests.at})`));
  // The same matcher the guard uses, so the dry run cannot disagree with enforcement.
  const wouldAllow = compileIpLimits(ipLimits);
  return rows.filter((row) => !wouldAllow(row.ip));
}
