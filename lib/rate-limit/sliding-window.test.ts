import { describe, expect, it } from 'vitest';
import { decide, slotOf } from './sliding-window';

const perMinute = { limit: 100, windowSec: 60 };

describe('decide', () => {
  it('allows up to the limit in an empty window and counts down', () => {
    expect(decide(perMinute, { previous: 0, current: 0, elapsed: 0.5 })).toMatchObject({ allowed: true, remaining: 99, resetSec: 30, retryAfterSec: 0 });
    expect(decide(perMinute, { previous: 0, current: 99, elapsed: 0.5 })).toMatchObject({ allowed: true, remaining: 0 });
    expect(decide(perMinute, { previous: 0, current: 100, elapsed: 0.5 })).toMatchObject({ allowed: false, remaining: 0 });
  });

  it('weighs the previous slot by what is left of it: no 2× burst at a boundary', () => {
    // 100 calls at the very end of the previous slot, a moment into this one: still full.
    expect(decide(perMinute, { previous: 100, current: 0, elapsed: 0.005 }).allowed).toBe(false);
    // Half-way through, half of them have slid out of the window.
    expect(decide(perMinute, { previous: 100, current: 49, elapsed: 0.5 })).toMatchObject({ allowed: true, remaining: 0 });
    expect(decide(perMinute, { previous: 100, current: 50, elapsed: 0.5 }).allowed).toBe(false);
  });

  it('says when the next call fits: within this slot as the previous one fades, or in the next', () => {
    // 100 before, 50 now, half-way: one more fits once the previous weight drops below 49 → 0.51.
    expect(decide(perMinute, { previous: 100, current: 50, elapsed: 0.5 }).retryAfterSec).toBe(1);
    expect(decide(perMinute, { previous: 100, current: 0, elapsed: 0 }).retryAfterSec).toBe(1);
    // This slot alone is full: the rest of it, then until its 100 calls weigh 99 → 60 × (0.5 + 0.01).
    expect(decide(perMinute, { previous: 0, current: 100, elapsed: 0.5 }).retryAfterSec).toBe(31);
    expect(decide({ limit: 1, windowSec: 3600 }, { previous: 0, current: 1, elapsed: 0 }).retryAfterSec).toBe(7200);
  });

  it('never answers less than a second', () => {
    const decision = decide({ limit: 5, windowSec: 1 }, { previous: 5, current: 0, elapsed: 0.999 });
    expect(decision.resetSec).toBeGreaterThanOrEqual(1);
    expect(decision.allowed ? 0 : decision.retryAfterSec).toBeGreaterThanOrEqual(decision.allowed ? 0 : 1);
  });
});

describe('decide, strict', () => {
  const strict = { limit: 5, windowSec: 900, strict: true };
  it('counts the previous slot in full until it ends: never more than the limit in any window', () => {
    // Five failures at the very end of the previous slot: the weighted estimate would let a sixth
    // through a few minutes later; strict waits until that slot is out of the window.
    expect(decide({ ...strict, strict: false }, { previous: 5, current: 0, elapsed: 0.3 }).allowed).toBe(true);
    expect(decide(strict, { previous: 5, current: 0, elapsed: 0.3 })).toMatchObject({ allowed: false, retryAfterSec: 630 });
    expect(decide(strict, { previous: 4, current: 0, elapsed: 0.3 })).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('a full current slot waits for the next one to end', () => {
    expect(decide(strict, { previous: 0, current: 5, elapsed: 0.25 }).retryAfterSec).toBe(1575);
  });
});

describe('slotOf', () => {
  it('names the slot and how far into it a time is', () => {
    expect(slotOf(90_000, 60)).toEqual({ index: 1, elapsed: 0.5 });
    expect(slotOf(0, 1)).toEqual({ index: 0, elapsed: 0 });
  });
});
