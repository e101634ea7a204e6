import 'server-only';
import { deleteEndedSessions, deleteSession, insertSession, touchSession } from '@/db/queries/sessions';
import { findUserBySession, type SessionUser } from '@/db/queries/users';
import { getConfig } from './config';
import { isUuid } from './is-uuid';
import { idleBefore, needsTouch, newSession, sessionEnded, sessionLimits } from './session-lifetime';

/**
 * Sessions live in the database, and the session cookie only names one (lib/session.ts), so
 * signing out ends it for every copy of the cookie at once. One row per sign-in rather than a
 * version per user: signing out of one browser leaves the user's others signed in, the idle
 * timeout needs a last-seen time per browser anyway, and a changed role or password still ends
 * them all (the trigger in the `sessions` migration).
 *
 * Not cached: currentUser() already reads the user's row on every request (so a changed role
 * applies at once), and the session row comes in the same query, by primary key. Every instance
 * therefore sees a sign-out at its next request, with no invalidation to miss.
 */

const limits = () => sessionLimits(getConfig());

/** Starts a session for a user who just signed in, and clears their ended ones; returns its id. */
export async function startSession(userId: string, now = new Date()): Promise<string> {
  await deleteEndedSessions({ userId, now, idleBefore: idleBefore(limits(), now) });
  return insertSession({ userId, ...newSession(limits(), now) });
}

/** Signs a session out, everywhere its cookie is. Ending one that is already gone is not an error. */
export async function endSession(sessionId: unknown): Promise<void> {
  if (isUuid(sessionId)) await deleteSession({ id: sessionId });
}

/**
 * Who a session cookie signs in: its user while the session lasts, null once it was signed out,
 * expired or idle too long (or the cookie names someone else). Marks the session as seen.
 */
export async function sessionUser({ sessionId, userId }: { sessionId: unknown; userId: unknown }, now = new Date()): Promise<SessionUser | null> {
  if (!isUuid(sessionId)) return null;
  const found = await findUserBySession({ sessionId });
  if (!found || found.user.id !== userId) return null;
  if (sessionEnded(found.session, limits(), now)) return null;
  if (needsTouch(found.session, now)) await touchSession({ id: sessionId, at: now });
  return found.user;
}
