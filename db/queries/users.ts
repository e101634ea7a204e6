import 'server-only';
import { eq } from 'drizzle-orm';
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
