import { and, eq, gte, inArray, notInArray, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { ALLOWED_OUTCOMES, type OutcomeFilter } from '@/lib/api-keys/outcomes';
import { apiUsageHourly } from '../schema';

/**
 * Small SQL fragments over api_usage_hourly (kept by the usage recorder, usage-rollup-writes.ts)
 * for queries that must not read the raw request log. Windows are whole UTC hours: a window
 * starting mid-hour includes that whole hour, so counts may run up to an hour's requests over.
 */

/** The start of the hour holding `since`: the first hourly row of a window. */
const fromHourOf = (since: SQL | Date) => sql`date_trunc('hour', (${since instanceof Date ? since.toISOString() : since})::timestamptz, 'UTC')`;

/**
 * Requests made with the key in the last `interval` (a Postgres interval, e.g. '7 days'), of the
 * outcomes `outcomes` keeps (all when absent), for the API Keys list: a correlated subquery over
 * at most (window hours) × (outcomes seen) rows of the hourly rollup, read by its primary key.
 * `outcomes` is written over the alias `h`.
 */
function requestsOfKeyWithin(apiKeyId: AnyColumn | SQL, interval: string, outcomes?: SQL): SQL<number> {
  return sql<number>`(select coalesce(sum(h.requests), 0)::bigint from api_usage_hourly h
    where h.api_key_id = ${apiKeyId} and h.hour >= ${fromHourOf(sql`now() - ${interval}::interval`)}${outcomes ? sql` and ${outcomes}` : sql``})`.mapWith(Number);
}

export const requestsLast7Days = (apiKeyId: AnyColumn | SQL) => requestsOfKeyWithin(apiKeyId, '7 days');

/** Calls refused by the key's IP limits in the last 24 hours: the list's "IP refusals" marker. */
export const ipRefusedLast24Hours = (apiKeyId: AnyColumn | SQL) => requestsOfKeyWithin(apiKeyId, '24 hours', sql`h.outcome = 'ip_not_allowed'`);

/** The rollup rows of one outcome filter of the request log ('all', 'allowed', 'denied' or one code). */
export function hourlyOutcomeCondition(filter: OutcomeFilter): SQL | undefined {
  if (filter === 'all') return undefined;
  if (filter === 'allowed') return inArray(apiUsageHourly.outcome, ALLOWED_OUTCOMES);
  if (filter === 'denied') return notInArray(apiUsageHourly.outcome, ALLOWED_OUTCOMES);
  return eq(apiUsageHourly.outcome, filter);
}

/** The hourly rows of one key in its community since `since` (from the start of that hour). */
export function hourlyOfKeySince({ apiKeyId, communityId, since }: { apiKeyId: string; communityId: string; since: Date }): SQL {
  return and(eq(apiUsageHourly.apiKeyId, apiKeyId), eq(apiUsageHourly.communityId, communityId), gte(apiUsageHourly.hour, fromHourOf(since))) as SQL;
}
