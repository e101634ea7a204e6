/**
 * The sliding-window estimate (Cloudflare's): a window of W seconds is counted in fixed slots of
 * W; a call at fraction `e` into the current slot sees `previous × (1 − e) + current` calls in
 * the last W seconds. Unlike a fixed window it never lets 2× the limit through at a slot boundary,
 * and it needs only two counters per key, which any store (memory, Redis) keeps cheaply.
 */
export type RateLimitPolicy = {
  limit: number;
  windowSec: number;
  /**
   * Count the previous slot in full instead of weighing it: never more than `limit` calls in any
   * span of `windowSec`, at the price of waiting up to two windows. The weighted estimate assumes
   * the previous slot's calls were spread out, so a burst at its end can be followed by another
   * sooner than a window later; for small limits guarding secrets (sign-in), strict is right.
   */
  strict?: boolean;
};

export type RateLimitDecision = {
  allowed: boolean;
  limit: number;
  windowSec: number;
  /** Calls left in the sliding window after this one. */
  remaining: number;
  /** Whole seconds until the current slot ends (≥ 1): when `remaining` next goes up. */
  resetSec: number;
  /** Whole seconds (≥ 1) until a call would be allowed again; 0 when this one was. */
  retryAfterSec: number;
};

/** Where `nowMs` falls: the slot index and the fraction of it already gone. */
export function slotOf(nowMs: number, windowSec: number): { index: number; elapsed: number } {
  const windowMs = windowSec * 1000;
  return { index: Math.floor(nowMs / windowMs), elapsed: (nowMs % windowMs) / windowMs };
}

/**
 * The decision for one more call, given the calls already counted in the previous and current
 * slots (this call not included).
 */
export function decide({ limit, windowSec, strict = false }: RateLimitPolicy, { previous, current, elapsed }: { previous: number; current: number; elapsed: number }): RateLimitDecision {
  const seen = previous * (strict ? 1 : 1 - elapsed) + current;
  const allowed = seen + 1 <= limit;
  const afterThis = allowed ? seen + 1 : seen;
  const resetSec = Math.max(1, Math.ceil((1 - elapsed) * windowSec));
  return {
    allowed,
    limit,
    windowSec,
    remaining: Math.max(0, Math.floor(limit - afterThis)),
    resetSec,
    retryAfterSec: allowed ? 0 : Math.max(1, Math.ceil((strict ? strictWait(limit, current, elapsed) : waitFraction(limit, previous, current, elapsed)) * windowSec)),
  };
}

/**
 * How much of a window to wait until one more call fits. Within this slot the previous slot's
 * weight fades; if this slot alone is full, the wait runs into the next slot, where this slot's
 * count becomes the fading one.
 */
/** Strict: the previous slot counts until it ends; if this slot alone is full, until the next one ends. */
function strictWait(limit: number, current: number, elapsed: number): number {
  return current + 1 <= limit ? 1 - elapsed : 2 - elapsed;
}

function waitFraction(limit: number, previous: number, current: number, elapsed: number): number {
  if (current + 1 <= limit) return Math.max(0, 1 - elapsed - (limit - current - 1) / previous);
  return 1 - elapsed + Math.max(0, 1 - (limit - 1) / current);
}
