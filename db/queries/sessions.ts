import 'server-only';
import { and, eq, lte, or } from 'drizzle-orm';
import { getDb } from '../index';
import { sessions } from '../schema';

/** A new session row; its id goes into the session cookie. */
export async function insertSession({ userId, lastSeenAt, expiresAt }: { userId: string; lastSeenAt: Date; expiresAt: Date }): Promise<string> {
  const [row] = await getDb().insert(sessions).values({ userId, lastSeenAt, expiresAt }).returning({ id: sessions.id });
  return row.id;
}

export async function deleteSession({ id }: { id: string }): Promise<void> {
  await getDb().delete(sessions).where(eq(sessions.id, id));
}

/** A user's sessions that have ended (past their end, or idle since before `idleBefore`): nothing reads them again. */
export async function deleteEndedSessions({ userId, now, idleBefore }: { userId: string; now: Date; idleBefore: Date }): Promise<void> {
  await getDb()
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), or(lte(sessions.expiresAt, now), lte(sessions.lastSeenAt, idleBefore))));
}

export async function touchSession({ id, at }: { id: string; at: Date }): Promise<void> {
  await getDb().update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
}
