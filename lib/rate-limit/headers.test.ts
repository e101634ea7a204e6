import { describe, expect, it } from 'vitest';
import { rateLimitHeaders } from './headers';
import type { RateLimitDecision } from './sliding-window';

const NOW = Date.UTC(2031, 2, 9, 7, 5, 2); // a whole second
const decision = (patch: Partial<RateLimitDecision>): RateLimitDecision => ({
  allowed: true,
  limit: 3,
  windowSec: 60,
  remaining: 2,
  resetSec: 41,
  retryAfterSec: 0,
  ...patch,
});

describe('rateLimitHeaders', () => {
  it('describes an allowed call as SPEC §8 spells it', () => {
    expect(rateLimitHeaders(decision({}), NOW)).toEqual({
      'ratelimit-policy': '"key";q=3;w=60',
      ratelimit: '"key";r=2;t=41',
      'x-ratelimit-limit': '3',
      'x-ratelimit-remaining': '2',
      'x-ratelimit-reset': String(NOW / 1000 + 41),
    });
  });

  it('adds Retry-After to a refused call, and resets when a call is allowed again', () => {
    const headers = rateLimitHeaders(decision({ allowed: false, remaining: 0, resetSec: 41, retryAfterSec: 17 }), NOW + 250);
    expect(headers).toMatchObject({ ratelimit: '"key";r=0;t=17', 'x-ratelimit-remaining': '0', 'retry-after': '17' });
    expect(headers['x-ratelimit-reset']).toBe(String(NOW / 1000 + 1 + 17));
  });

  it('never answers a reset in the past: part of a second counts as a whole one', () => {
    const reset = Number(rateLimitHeaders(decision({ resetSec: 1 }), NOW + 999)['x-ratelimit-reset']);
    expect(reset * 1000).toBeGreaterThanOrEqual(NOW + 999 + 1000);
  });
});
