import { describe, expect, it } from 'vitest';
import {
  describeRateLimit,
  isKeyRateLimit,
  NEW_KEY_RATE_LIMIT,
  RATE_LIMIT_WINDOW_VALUES,
  RATE_LIMIT_WINDOWS,
  rateLimitFormFields,
  rateLimitFromForm,
  rateLimitPolicy,
  readRateLimit,
} from './rate-limit-policy';

describe('the rate limit table', () => {
  it('has second, minute and hour, in that order, with their lengths in seconds', () => {
    expect(RATE_LIMIT_WINDOW_VALUES).toEqual(['second', 'minute', 'hour']);
    expect(RATE_LIMIT_WINDOW_VALUES.map((window) => RATE_LIMIT_WINDOWS[window].seconds)).toEqual([1, 60, 3600]);
  });

  it('starts new keys at 1,000 per minute', () => {
    expect(NEW_KEY_RATE_LIMIT).toEqual({ limit: 1000, window: 'minute' });
    expect(describeRateLimit(NEW_KEY_RATE_LIMIT)).toBe('1,000 per minute');
  });

  it.each([
    [{ limit: 1, window: 'second' }, '1 per second'],
    [{ limit: 1_000_000, window: 'hour' }, '1,000,000 per hour'],
    [null, 'No limit'],
  ] as const)('describes %j as “%s”', (rateLimit, text) => {
    expect(describeRateLimit(rateLimit)).toBe(text);
  });

  it('gives the counters the limit and the window in seconds', () => {
    expect(rateLimitPolicy({ limit: 10, window: 'hour' })).toEqual({ limit: 10, windowSec: 3600 });
    expect(rateLimitPolicy({ limit: 3, window: 'second' })).toEqual({ limit: 3, windowSec: 1 });
  });

  it.each([[0], [-1], [1.5], [1_000_001], ['10'], [Number.NaN]])('refuses a limit of %j', (limit) => {
    expect(isKeyRateLimit({ limit, window: 'minute' })).toBe(false);
  });

  it('refuses an unknown window or extra fields, accepts null (No limit)', () => {
    expect(isKeyRateLimit({ limit: 5, window: 'day' })).toBe(false);
    expect(isKeyRateLimit({ limit: 5, window: 'minute', burst: 2 })).toBe(false);
    expect(isKeyRateLimit(null)).toBe(true);
  });
});

describe('reading a stored value', () => {
  it('reads null as No limit, and a limit as stored (text or parsed jsonb)', () => {
    expect(readRateLimit(null)).toBeNull();
    expect(readRateLimit({ limit: 7, window: 'second' })).toEqual({ limit: 7, window: 'second' });
    expect(readRateLimit('{"window":"hour","limit":7}')).toEqual({ limit: 7, window: 'hour' });
  });

  it('never reads a damaged value as No limit', () => {
    expect(readRateLimit({ limit: 0, window: 'minute' })).toEqual(NEW_KEY_RATE_LIMIT);
    expect(readRateLimit('"lots"')).toEqual(NEW_KEY_RATE_LIMIT);
  });
});

describe('the form fields', () => {
  it('round-trip a limit and No limit', () => {
    expect(rateLimitFromForm(rateLimitFormFields({ limit: 42, window: 'hour' }))).toEqual({ limit: 42, window: 'hour' });
    expect(rateLimitFromForm(rateLimitFormFields(null))).toBeNull();
    expect(rateLimitFormFields(null)).toEqual({ rateLimitChoice: 'none', rateLimitRequests: '1000', rateLimitWindow: 'minute' });
  });

  it('refuse values the schema did not check', () => {
    expect(() => rateLimitFromForm({ rateLimitChoice: 'limit', rateLimitRequests: 'abc', rateLimitWindow: 'minute' })).toThrow(TypeError);
  });
});
