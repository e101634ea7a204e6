import { getConfig } from '@/lib/config';
import { rateLimiter, type RateLimitDecision } from '@/lib/rate-limit/limiter';
import { ApiError } from '@/lib/api/errors';

/**
 * The leak-report endpoints answer anyone, so each client IP gets UNAUTHENTICATED_RATE_LIMIT calls
 * a minute: every call to the public revoke endpoint counts, and for GitHub's endpoint only calls
 * refused (unsigned, wrongly signed, malformed), so a busy GitHub is never slowed by its own reports.
 */
export type ReportEndpoint = 'github' | 'revoke';

const policy = () => ({ limit: getConfig().UNAUTHENTICATED_RATE_LIMIT, windowSec: 60 });
const bucket = (endpoint: ReportEndpoint, clientIp: string | null) => `leak-${endpoint}:${clientIp ?? 'unknown'}`;

const tooMany = (decision: RateLimitDecision) =>
  new ApiError('rate_limited', `Too many reports from your address. Retry in ${decision.retryAfterSec} s.`, undefined, { 'retry-after': String(decision.retryAfterSec) });

/** Counts one call; the 429 to answer instead when the address is over its limit. */
export async function countReportCall(endpoint: ReportEndpoint, clientIp: string | null): Promise<ApiError | null> {
  const decision = await rateLimiter().hit(bucket(endpoint, clientIp), policy());
  return decision.allowed ? null : tooMany(decision);
}

/** The 429 an address already over its limit gets, before any work; null when it may go on. */
export async function reportCallsExhausted(endpoint: ReportEndpoint, clientIp: string | null): Promise<ApiError | null> {
  const decision = await rateLimiter().peek(bucket(endpoint, clientIp), policy());
  return decision.allowed ? null : tooMany(decision);
}
