import { afterAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { closeDatabase, getDb } from './index';
import { communities, feedback, projects, users } from './schema';
import { seedDatabase, SEED_COMMUNITY } from './seed';
import { migrateOnce } from '@/test/db';
import { verifyPassword } from '@/lib/password';

afterAll(() => closeDatabase());

describe('seedDatabase', () => {
  const accounts = {
    adminEmail: `Seed-Admin-${Date.now()}@Example.com`,
    adminPassword: 'admin-password',
    memberEmail: `seed-member-${Date.now()}@example.com`,
    memberPassword: 'member-password',
  };

  it('creates the community, an admin, a member and demo data, and is idempotent', async () => {
    await migrateOnce();
    const db = getDb();
    const first = await seedDatabase(db, accounts);
    const second = await seedDatabase(db, accounts);
    expect(second).toBe(first);

    const rows = await db.select().from(communities).where(eq(communities.slug, SEED_COMMUNITY.slug));
    expect(rows).toHaveLength(1);
    expect(rows[0].name).toBe('Acme Beta Community');

    const admin = await db.select().from(users).where(eq(users.email, accounts.adminEmail.toLowerCase()));
    expect(admin).toHaveLength(1);
    expect(admin[0].role).toBe('admin');
    expect(admin[0].passwordHash).not.toContain(accounts.adminPassword);
    await expect(verifyPassword(accounts.adminPassword, admin[0].passwordHash)).resolves.toBe(true);

    const member = await db.select().from(users).where(eq(users.email, accounts.memberEmail));
    expect(member.map((m) => m.role)).toEqual(['member']);

    const demoProjects = await db.select().from(projects).where(eq(projects.communityId, first));
    expect(demoProjects.length).toBe(3);
    const demoFeedback = await db.select().from(feedback).where(eq(feedback.communityId, first));
    expect(demoFeedback.length).toBe(6);
  });
});
