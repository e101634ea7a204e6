import 'server-only';
import { asc, count, eq } from 'drizzle-orm';
import { getDb } from '../index';
import { communities, users } from '../schema';

export async function findUserByEmail({ email }: { email: string }) {
  const [user] = await getDb().select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  return user ?? null;
}

/** The signed-in user with their community, read fresh so a changed role takes effect at once. */
export async function findSessionUser({ id }: { id: string }) {
  const [row] = await getDb()
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      communityId: users.communityId,
      communityName: communities.name,
      communityLogoUrl: communities.logoUrl,
    })
    .from(users)
    .innerJoin(communities, eq(communities.id, users.communityId))
    .where(eq(users.id, id));
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
