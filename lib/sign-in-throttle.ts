import 'server-only';
import { plural } from './format';
import { rateLimiter, type RateLimitPolicy } from './rate-limit/limiter';

/**
 * Failed sign-in attempts, counted in the same store as the API limits (Redis with REDIS_URL):
 * per account and client IP, so one account cannot be guessed at, and per IP, so one client
 * cannot spray many accounts. Each attempt costs a 32 MiB scrypt, so a throttled attempt must be
 * refused before any hash is computed. Only failures count; a success clears the account's count.
 */
export const SIGN_IN_LIMITS = {
  // Strict windows: never more than 5 (or 100) failures in any 15 minutes (or hour), even in bursts.
  account: { limit: 5, windowSec: 15 * 60, strict: true },
  ip: { limit: 100, windowSec: 60 * 60, strict: true },
} as const satisfies Record<string, RateLimitPolicy>;

type Scope = keyof typeof SIGN_IN_LIMITS;

/** Who is signing in: the e-mail as typed (an account may or may not exist) and the client IP. */
export type SignInAttempt = { email: string; ip: string | null };

export type SignInThrottle = { throttled: false } | { throttled: true; retryAfterMinutes: number };

// Without server.ts the client IP is unknown; all such clients share one count rather than none.
const UNKNOWN_IP = 'unknown';

function keyFor(scope: Scope, { email, ip }: SignInAttempt): string {
  const client = ip ?? UNKNOWN_IP;
  // The e-mail is normalised whether or not it has an account, so counting never reveals which do.
  return scope === 'account' ? `sign-in:account:${email.trim().toLowerCase()}:${client}` : `sign-in:ip:${client}`;
}

const scopes = Object.keys(SIGN_IN_LIMITS) as Scope[];

/** Whether one more attempt may be made (not counted). */
export async function checkSignIn(attempt: SignInAttempt): Promise<SignInThrottle> {
  const limiter = rateLimiter();
  const decisions = await Promise.all(scopes.map((scope) => limiter.peek(keyFor(scope, attempt), SIGN_IN_LIMITS[scope])));
  const refused = decisions.filter((decision) => !decision.allowed);
  if (refused.length === 0) return { throttled: false };
  const retryAfterSec = Math.max(...refused.map((decision) => decision.retryAfterSec));
  return { throttled: true, retryAfterMinutes: Math.max(1, Math.ceil(retryAfterSec / 60)) };
}

export async function recordFailedSignIn(attempt: SignInAttempt): Promise<void> {
  const limiter = rateLimiter();
  await Promise.all(scopes.map((scope) => limiter.hit(keyFor(scope, attempt), SIGN_IN_LIMITS[scope])));
}

/** A success forgets the account's failures; the IP's stay, so one good account cannot unlock spraying. */
export async function clearSignIn(attempt: SignInAttempt): Promise<void> {
  await rateLimiter().reset(keyFor('account', attempt), SIGN_IN_LIMITS.account);
}

/** What the sign-in page says past the limit. */
export function signInThrottledMessage(retryAfterMinutes: number): string {
  return `Too many sign-in attempts. Try again in ${plural(retryAfterMinutes, 'minute')}.`;
}
