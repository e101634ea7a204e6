/**
 * When the outbox tries a message again. Exponential, capped, with jitter so that messages which
 * failed together (a provider outage) do not all come back in the same second.
 * With the defaults the retries span about 3.5 hours: 10 s, 20 s, 40 s … 1 h, 1 h.
 */
export const BACKOFF_BASE_MS = 10_000;
export const BACKOFF_CAP_MS = 60 * 60_000;
export const MAX_ATTEMPTS = 12;
/** ±20 % of the delay. */
export const BACKOFF_JITTER = 0.2;

export type BackoffPolicy = { baseMs: number; capMs: number; maxAttempts: number };

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: BACKOFF_BASE_MS, capMs: BACKOFF_CAP_MS, maxAttempts: MAX_ATTEMPTS };

/**
 * The wait after failed attempt `attempt` (1 = the first try): min(base · 2^(attempt−1), cap),
 * then ±20 % jitter. `random` is injectable so tests can pin the jitter.
 */
export function retryDelayMs(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exponent = Math.max(0, Math.trunc(attempt) - 1);
  // 2 ** 1024 is Infinity, and Math.min handles that; no overflow to worry about.
  const delay = Math.min(policy.baseMs * 2 ** exponent, policy.capMs);
  return Math.round(delay * (1 + BACKOFF_JITTER * (2 * random() - 1)));
}

/** Whether a message that failed on attempt `attempts` gets another one. */
export function mayRetry(attempts: number, policy: BackoffPolicy = DEFAULT_BACKOFF): boolean {
  return attempts < policy.maxAttempts;
}
