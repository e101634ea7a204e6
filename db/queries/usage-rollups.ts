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
 * Requests made with the key in the last 7 days, for the API Keys list: a correlated subquery
 * over at most 7 × 24 × (outcomes seen) rows of the hourly rollup, read by its primary key.
 */
export function requestsLast7Days(apiKeyId: AnyColumn | SQL): SQL<number> {
  return sql<number>`(select coalesce(sum(h.requests), 0)::bigint from api_usage_hourly h
    where h.api_key_id = ${apiKeyId} and h.hour >= ${fromHourOf(sql`now() - interval '7 days'`)})`.mapWith(Number);
}

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
