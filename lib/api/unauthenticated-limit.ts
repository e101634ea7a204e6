import { getConfig } from '@/lib/config';
import { rateLimiter, type RateLimitDecision } from '@/lib/rate-limit/limiter';
import { ApiError, type ApiErrorCode } from './errors';

/**
 * Calls that present no valid key (missing, malformed, in the URL, unknown) are limited per client
 * IP, UNAUTHENTICATED_RATE_LIMIT a minute, so guessing keys costs the guesser and not the database:
 * past the limit, a key not already in the cache is not even looked up.
 */
const policy = () => ({ limit: getConfig().UNAUTHENTICATED_RATE_LIMIT, windowSec: 60 });
const ipKey = (clientIp: string | null) => `anon:${clientIp ?? 'unknown'}`;

function tooMany(decision: RateLimitDecision): ApiError {
  return new ApiError('rate_limited', `Too many requests without a valid API key from your address. Retry in ${decision.retryAfterSec} s.`, undefined, {
    'retry-after': String(decision.retryAfterSec),
  });
}

/** Counts a call refused for having no valid key; answers 429 instead once the address is over its limit. */
export async function refuseWithoutValidKey(code: ApiErrorCode, clientIp: string | null): Promise<ApiError> {
  const decision = await rateLimiter().hit(ipKey(clientIp), policy());
  return decision.allowed ? new ApiError(code) : tooMany(decision);
}

/** The 429 an address over its limit gets before a database lookup, or null when it may look up a key. */
export async function throttledBeforeLookup(clientIp: string | null): Promise<ApiError | null> {
  const decision = await rateLimiter().peek(ipKey(clientIp), policy());
  return decision.allowed ? null : tooMany(decision);
}
