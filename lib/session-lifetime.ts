/**
 * How long a session lasts: SESSION_MAX_AGE_HOURS from sign-in however active, and
 * SESSION_IDLE_MINUTES without a request. The session store (./session-store.ts) applies these
 * to the session's row on every request; the cookie's own expiry is only a backstop.
 */
export type SessionLimits = { maxAgeMs: number; idleMs: number };
export type SessionTimes = { lastSeenAt: Date; expiresAt: Date };

const MINUTE = 60_000;

/**
 * last_seen_at is written at most this often: one write a minute per active session, not one per
 * page. The idle timeout is therefore measured to the minute (a session may end up to a minute
 * before the idle time since its very last request has passed, never after).
 */
export const TOUCH_EVERY_MS = MINUTE;

export function sessionLimits({ SESSION_MAX_AGE_HOURS, SESSION_IDLE_MINUTES }: { SESSION_MAX_AGE_HOURS: number; SESSION_IDLE_MINUTES: number }): SessionLimits {
  return { maxAgeMs: SESSION_MAX_AGE_HOURS * 60 * MINUTE, idleMs: SESSION_IDLE_MINUTES * MINUTE };
}

/** The times of a session that starts now. */
export function newSession(limits: SessionLimits, now = new Date()): SessionTimes {
  return { lastSeenAt: now, expiresAt: new Date(now.getTime() + limits.maxAgeMs) };
}

/** Why a session is over, or null while it lasts. */
export function sessionEnded(session: SessionTimes, limits: SessionLimits, now = new Date()): 'expired' | 'idle' | null {
  if (now.getTime() >= session.expiresAt.getTime()) return 'expired';
  if (now.getTime() - session.lastSeenAt.getTime() >= limits.idleMs) return 'idle';
  return null;
}

/** Whether this request should move last_seen_at (see TOUCH_EVERY_MS). */
export function needsTouch(session: Pick<SessionTimes, 'lastSeenAt'>, now = new Date()): boolean {
  return now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS;
}

/** Sessions whose last request was before this are over by idleness. */
export function idleBefore(limits: SessionLimits, now = new Date()): Date {
  return new Date(now.getTime() - limits.idleMs);
}
