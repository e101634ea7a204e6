import { formatCount } from '../format';
import type { RateLimitPolicy } from '../rate-limit/sliding-window';

/**
 * A key's rate limit (SPEC §8): a number of requests per second, minute or hour, or null for
 * "No limit", chosen deliberately. One table for the form, the schema, the list and the guard.
 */
export const RATE_LIMIT_WINDOWS = {
  second: { label: 'second', seconds: 1 },
  minute: { label: 'minute', seconds: 60 },
  hour: { label: 'hour', seconds: 3600 },
} as const;

export type RateLimitWindow = keyof typeof RATE_LIMIT_WINDOWS;
export const RATE_LIMIT_WINDOW_VALUES = Object.keys(RATE_LIMIT_WINDOWS) as [RateLimitWindow, ...RateLimitWindow[]];

export const RATE_LIMIT_MIN = 1;
export const RATE_LIMIT_MAX = 1_000_000;

/** A limit, or null: No limit. */
export type KeyRateLimit = { limit: number; window: RateLimitWindow } | null;

/** What a new key starts with, and what keys created before rate limits were given. */
export const NEW_KEY_RATE_LIMIT = { limit: 1_000, window: 'minute' } as const satisfies NonNullable<KeyRateLimit>;
export const NO_LIMIT_LABEL = 'No limit';

export function isRateLimitWindow(value: unknown): value is RateLimitWindow {
  return typeof value === 'string' && Object.hasOwn(RATE_LIMIT_WINDOWS, value);
}

export function isRateLimitCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= RATE_LIMIT_MIN && value <= RATE_LIMIT_MAX;
}

/** "1,000 per minute", "No limit". */
export function describeRateLimit(rateLimit: KeyRateLimit): string {
  if (!rateLimit) return NO_LIMIT_LABEL;
  return `${formatCount(rateLimit.limit)} per ${RATE_LIMIT_WINDOWS[rateLimit.window].label}`;
}

/** What the counters need: the limit and its window in seconds. */
export function rateLimitPolicy(rateLimit: NonNullable<KeyRateLimit>): RateLimitPolicy {
  return { limit: rateLimit.limit, windowSec: RATE_LIMIT_WINDOWS[rateLimit.window].seconds };
}

export function isKeyRateLimit(value: unknown): value is KeyRateLimit {
  if (value === null) return true;
  if (typeof value !== 'object') return false;
  const { limit, window } = value as Record<string, unknown>;
  return isRateLimitCount(limit) && isRateLimitWindow(window) && Object.keys(value).length === 2;
}

/**
 * A stored value, as the product reads it. Only this code writes the column, so an unreadable
 * value is a defect; it reads as the new-key default rather than as No limit, so a damaged row never
 * makes a key unlimited.
 */
export function readRateLimit(value: unknown): KeyRateLimit {
  if (value === null || value === undefined) return null;
  const parsed = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  if (parsed === null) return null;
  if (!isKeyRateLimit(parsed)) return { ...NEW_KEY_RATE_LIMIT };
  return { limit: parsed!.limit, window: parsed!.window };
}

/** The form's three fields (the choice, Requests, per), as the form sends them. */
export type RateLimitFormFields = { rateLimitChoice: 'none' | 'limit'; rateLimitRequests: string | number; rateLimitWindow: string };

/** The form's fields as a stored limit; call it on values the schema accepted. */
export function rateLimitFromForm({ rateLimitChoice, rateLimitRequests, rateLimitWindow }: RateLimitFormFields): KeyRateLimit {
  if (rateLimitChoice === 'none') return null;
  const limit = Number(rateLimitRequests);
  if (!isRateLimitCount(limit) || !isRateLimitWindow(rateLimitWindow)) throw new TypeError('rateLimitFromForm: the values were not validated');
  return { limit, window: rateLimitWindow };
}

/** A stored limit as the form's fields (edit form defaults; No limit keeps the new-key values in the inputs). */
export function rateLimitFormFields(rateLimit: KeyRateLimit): RateLimitFormFields {
  const shown = rateLimit ?? NEW_KEY_RATE_LIMIT;
  return { rateLimitChoice: rateLimit ? 'limit' : 'none', rateLimitRequests: String(shown.limit), rateLimitWindow: shown.window };
}
