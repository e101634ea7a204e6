import 'server-only';
import { asc, count, eq } from 'drizzle-orm';
import { getDb } from '../index';
import { communities, sessions, users } from '../schema';

export async function findUserByEmail({ email }: { email: string }) {
  const [user] = await getDb().select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  return user ?? null;
}

const sessionUserColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  communityId: users.communityId,
  communityName: communities.name,
  communityLogoUrl: communities.logoUrl,
};

/** The signed-in user with their community, read fresh so a changed role takes effect at once. */
export async function findSessionUser({ id }: { id: string }) {
  const [row] = await getDb()
    .select(sessionUserColumns)
    .from(users)
    .innerJoin(communities, eq(communities.id, users.communityId))
    .where(eq(users.id, id));
  return row ?? null;
}

/** A session's user, read fresh like findSessionUser, and the session's times: null once the row is gone. */
export async function findUserBySession({ sessionId }: { sessionId: string }) {
  const [row] = await getDb()
    .select({ user: sessionUserColumns, session: { lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt } })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(communities, eq(communities.id, users.communityId))
    .where(eq(sessions.id, sessionId));
  return row ?? null;
}

export type SessionUser = NonNullable<Awaited<ReturnType<typeof findSessionUser>>>;

export async function listMembers({ communityId, limit, offset }: { communityId: string; limit: number; offset: number }) {
  const where = eq(users.communityId, communityId);
  const [rows, [{ total }]] = await Promise.all([
    getDb()
      .select({ id: users.id, name: users.name, email: users.email, role: users.role, joinedAt: users.createdAt })
      .from(users)
      .where(where)
      .orderBy(asc(users.createdAt), asc(users.id))
      .limit(limit)
      .offset(offset),
    getDb().select({ total: count() }).from(users).where(where),
  ]);
  return { rows, total };
}
