import { describe, expect, it } from 'vitest';
import { BACKOFF_BASE_MS, BACKOFF_CAP_MS, DEFAULT_BACKOFF, MAX_ATTEMPTS, mayRetry, retryDelayMs } from './backoff';

const noJitter = () => 0.5;
const lowest = () => 0;
const highest = () => 1;

describe('retryDelayMs', () => {
  it('doubles from the base on each attempt', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, DEFAULT_BACKOFF, noJitter))).toEqual([10_000, 20_000, 40_000, 80_000]);
  });

  it('stops growing at the cap', () => {
    expect(retryDelayMs(9, DEFAULT_BACKOFF, noJitter)).toBe(2_560_000);
    expect(retryDelayMs(10, DEFAULT_BACKOFF, noJitter)).toBe(BACKOFF_CAP_MS);
    expect(retryDelayMs(11, DEFAULT_BACKOFF, noJitter)).toBe(BACKOFF_CAP_MS);
    expect(retryDelayMs(5000, DEFAULT_BACKOFF, noJitter)).toBe(BACKOFF_CAP_MS);
  });

  it('jitters by at most 20 % either way', () => {
    expect(retryDelayMs(1, DEFAULT_BACKOFF, lowest)).toBe(8_000);
    expect(retryDelayMs(1, DEFAULT_BACKOFF, highest)).toBe(12_000);
    expect(retryDelayMs(20, DEFAULT_BACKOFF, highest)).toBe(BACKOFF_CAP_MS * 1.2);
    for (let i = 0; i < 200; i++) {
      const delay = retryDelayMs(3);
      expect(delay).toBeGreaterThanOrEqual(32_000);
      expect(delay).toBeLessThanOrEqual(48_000);
    }
  });

  it('treats attempt 0 or less like the first attempt', () => {
    expect(retryDelayMs(0, DEFAULT_BACKOFF, noJitter)).toBe(BACKOFF_BASE_MS);
  });

  it('follows a custom policy', () => {
    const fast = { baseMs: 20, capMs: 100, maxAttempts: 3 };
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, fast, noJitter))).toEqual([20, 40, 80, 100]);
  });

  it('spreads the default retries over about three and a half hours', () => {
    let total = 0;
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) total += retryDelayMs(attempt, DEFAULT_BACKOFF, noJitter);
    expect(total / 3_600_000).toBeCloseTo(3.42, 2);
  });
});

describe('mayRetry', () => {
  it('allows another attempt until the maximum is reached', () => {
    expect(mayRetry(1)).toBe(true);
    expect(mayRetry(MAX_ATTEMPTS - 1)).toBe(true);
    expect(mayRetry(MAX_ATTEMPTS)).toBe(false);
    expect(mayRetry(3, { ...DEFAULT_BACKOFF, maxAttempts: 3 })).toBe(false);
  });
});
