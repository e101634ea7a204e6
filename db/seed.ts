import { eq } from 'drizzle-orm';
import { hashPassword } from '@/lib/password';
import type { Db } from './index';
import { communities, feedback, projects, users } from './schema';

export const SEED_COMMUNITY = { slug: 'acme', name: 'Acme Beta Community', defaultKeyPrefix: 'acme' } as const;

export type SeedAccounts = {
  adminEmail: string;
  adminPassword: string;
  memberEmail: string;
  memberPassword: string;
};

const DEMO_PROJECTS = [
  {
    name: 'Mobile app beta',
    description: 'The iOS and Android beta, released to testers every two weeks.',
    feedback: [
      { kind: 'bug', title: 'Crash when opening settings offline', body: 'Airplane mode on, tap Settings: the app closes.' },
      { kind: 'idea', title: 'Dark mode for the dashboard', body: 'Evening testing would be easier on the eyes.' },
      { kind: 'praise', title: 'Sync is much faster', body: 'Build 42 syncs my 3 000 notes in seconds.' },
    ],
  },
  {
    name: 'Web dashboard',
    description: 'The new reporting dashboard for team leads.',
    feedback: [
      { kind: 'bug', title: 'CSV export misses the last row', body: 'Exporting 10 rows gives 9.' },
      { kind: 'idea', title: 'Saved filters', body: 'Let me keep my weekly filter.' },
    ],
  },
  {
    name: 'Public API',
    description: 'The REST API that Enhanced Integrations use.',
    feedback: [{ kind: 'praise', title: 'Clear error messages', body: 'Every error says what to fix.' }],
  },
] as const;

/**
 * Idempotent: creates the demo community, its admin and member, and demo projects with feedback,
 * leaving anything that already exists untouched. Returns the community id.
 */
export async function seedDatabase(db: Db, accounts: SeedAccounts): Promise<string> {
  return db.transaction(async (tx) => {
    await tx.insert(communities).values(SEED_COMMUNITY).onConflictDoNothing({ target: communities.slug });
    const [community] = await tx.select().from(communities).where(eq(communities.slug, SEED_COMMUNITY.slug));

    const people = [
      { email: accounts.adminEmail, password: accounts.adminPassword, name: 'Ada Admin', role: 'admin' as const },
      { email: accounts.memberEmail, password: accounts.memberPassword, name: 'Milo Member', role: 'member' as const },
    ];
    for (const person of people) {
      const email = person.email.toLowerCase();
      const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
      if (existing) continue;
      await tx.insert(users).values({
        communityId: community.id,
        email,
        name: person.name,
        role: person.role,
        passwordHash: await hashPassword(person.password),
      });
    }

    const [anyProject] = await tx.select({ id: projects.id }).from(projects).where(eq(projects.communityId, community.id)).limit(1);
    if (!anyProject) {
      for (const demo of DEMO_PROJECTS) {
        const [project] = await tx
          .insert(projects)
          .values({ communityId: community.id, name: demo.name, description: demo.description })
          .returning({ id: projects.id });
        await tx.insert(feedback).values(demo.feedback.map((item) => ({ ...item, communityId: community.id, projectId: project.id })));
      }
    }
    return community.id;
  });
}
