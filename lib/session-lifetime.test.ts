import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { needsTouch, newSession, sessionEnded, sessionLimits } from './session-lifetime';

const limits = sessionLimits({ SESSION_MAX_AGE_HOURS: 8, SESSION_IDLE_MINUTES: 60 });
const MINUTE = 60_000;
const START = new Date('2031-05-04T09:00:00Z');

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(START);
});
afterEach(() => vi.useRealTimers());

/** Moves the clock, as a browser idle for that long would. */
const wait = (ms: number) => vi.setSystemTime(Date.now() + ms);

describe('session lifetime', () => {
  it('ends a session left idle for SESSION_IDLE_MINUTES, not a minute before', () => {
    const session = newSession(limits);
    wait(59 * MINUTE);
    expect(sessionEnded(session, limits)).toBeNull();
    wait(MINUTE);
    expect(sessionEnded(session, limits)).toBe('idle');
  });

  it('keeps an active session until SESSION_MAX_AGE_HOURS after sign-in, then ends it however active', () => {
    let session = newSession(limits);
    for (let minutes = 0; minutes < 8 * 60 - 30; minutes += 30) {
      wait(30 * MINUTE);
      expect(sessionEnded(session, limits), `after ${minutes + 30} minutes`).toBeNull();
      session = { ...session, lastSeenAt: new Date() }; // a request: the store touches it
    }
    wait(30 * MINUTE);
    expect(sessionEnded(session, limits)).toBe('expired');
  });

  it('writes last_seen_at at most once a minute', () => {
    const session = newSession(limits);
    wait(59_999);
    expect(needsTouch(session)).toBe(false);
    wait(1);
    expect(needsTouch(session)).toBe(true);
  });

  it('reads the limits from the configuration', () => {
    expect(sessionLimits({ SESSION_MAX_AGE_HOURS: 2, SESSION_IDLE_MINUTES: 15 })).toEqual({ maxAgeMs: 2 * 60 * MINUTE, idleMs: 15 * MINUTE });
  });
});
