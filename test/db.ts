import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/index';
import { migrateDatabase } from '@/db/migrate';
import { communities, users } from '@/db/schema';
import type { SessionUser } from '@/db/queries/users';

let migrated: Promise<void> | undefined;

/** Migrates once per test file (PGlite in memory, or DATABASE_URL's Postgres). */
export function migrateOnce(): Promise<void> {
  migrated ??= migrateDatabase();
  return migrated;
}

/**
 * A community of its own with an admin and a member, so test files sharing one Postgres
 * never see each other's rows.
 */
export async function createTestCommunity(): Promise<{ communityId: string; admin: SessionUser; member: SessionUser }> {
  await migrateOnce();
  const db = getDb();
  const tag = randomUUID().slice(0, 8);
  const [community] = await db
    .insert(communities)
    .values({ slug: `test-${tag}`, name: `Test community ${tag}`, defaultKeyPrefix: 'test' })
    .returning();
  const make = async (role: 'admin' | 'member') => {
    const [user] = await db
      .insert(users)
      .values({ communityId: community.id, email: `${role}-${tag}@example.test`, name: `${role} ${tag}`, role, passwordHash: 'unused' })
      .returning();
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      communityId: community.id,
      communityName: community.name,
      communityLogoUrl: community.logoUrl,
    } satisfies SessionUser;
  };
  return { communityId: community.id, admin: await make('admin'), member: await make('member') };
}

/** A second admin of a test community (made in a community of its own, then moved in). */
export async function addTestAdmin(community: { communityId: string }): Promise<SessionUser> {
  const { admin } = await createTestCommunity();
  await getDb().update(users).set({ communityId: community.communityId }).where(eq(users.id, admin.id));
  return { ...admin, communityId: community.communityId };
}
