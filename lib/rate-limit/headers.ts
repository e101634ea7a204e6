import type { RateLimitDecision } from './sliding-window';

/**
 * The rate-limit headers of a limited key's response (SPEC §8): the IETF httpapi-ratelimit-headers
 * draft's `RateLimit-Policy` and `RateLimit`, and the common X-RateLimit-* (reset as Unix seconds).
 * A refused call's reset is when a call would be allowed again; an allowed call's, when its slot ends.
 */
export function rateLimitHeaders(decision: RateLimitDecision, nowMs: number): Record<string, string> {
  const untilReset = decision.allowed ? decision.resetSec : decision.retryAfterSec;
  const headers: Record<string, string> = {
    'ratelimit-policy': `"key";q=${decision.limit};w=${decision.windowSec}`,
    ratelimit: `"key";r=${decision.remaining};t=${untilReset}`,
    'x-ratelimit-limit': String(decision.limit),
    'x-ratelimit-remaining': String(decision.remaining),
    'x-ratelimit-reset': String(Math.ceil(nowMs / 1000) + untilReset),
  };
  if (!decision.allowed) headers['retry-after'] = String(Math.max(1, decision.retryAfterSec));
  return headers;
}
