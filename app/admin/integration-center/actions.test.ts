import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeDatabase, getDb } from '@/db/index';
import { auditLog, communities } from '@/db/schema';
import type { SessionUser } from '@/db/queries/users';
import { createTestCommunity } from '@/test/db';

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
// Only the session cookie is faked; the role rule and the action wrapper run as in production.
vi.mock('@/lib/session', () => ({ currentUser: async () => session.user }));
vi.mock('next/headers', () => ({ headers: async () => new Headers() }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

const { changeLeakedKeyPolicyAction } = await import('./actions');

let home: Awaited<ReturnType<typeof createTestCommunity>>;
beforeAll(async () => {
  home = await createTestCommunity();
});
beforeEach(() => {
  session.user = home.admin;
});
afterAll(() => closeDatabase());

const policyOf = async () => (await getDb().select({ policy: communities.leakedKeyPolicy }).from(communities).where(eq(communities.id, home.communityId)))[0].policy;
const policyAudits = () =>
  getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.communityId, home.communityId), eq(auditLog.action, 'community.leaked_key_policy_changed')));

describe('When a key is reported leaked', () => {
  it('starts at Disable it; an admin’s change is saved and audited from → to, and saving it again changes nothing', async () => {
    expect(await policyOf()).toBe('disable');
    expect(await changeLeakedKeyPolicyAction({ policy: 'notify' })).toEqual({ ok: true, data: { changed: true } });
    expect(await changeLeakedKeyPolicyAction({ policy: 'notify' })).toEqual({ ok: true, data: { changed: false } });
    expect(await policyOf()).toBe('notify');
    const entries = await policyAudits();
    expect(entries.map((entry) => [entry.actorId, entry.apiKeyId, entry.details])).toEqual([[home.admin.id, null, { changes: { leakedKeyPolicy: { from: 'disable', to: 'notify' } } }]]);
    await changeLeakedKeyPolicyAction({ policy: 'disable' });
    expect(await policyOf()).toBe('disable');
  });

  it.each([
    ['a member', () => home.member, { message: 'Only community admins can do this.' }],
    ['someone signed out', () => null, { message: 'Your session has ended. Sign in again.' }],
  ])('is refused to %s, and nothing changes', async (_, who, answer) => {
    session.user = who();
    expect(await changeLeakedKeyPolicyAction({ policy: 'notify' })).toEqual(answer);
    expect(await policyOf()).toBe('disable');
  });

  it.each([{ policy: 'ignore' }, {}, { policy: 'notify', communityId: 'someone-else' }])('refuses a forged post %o', async (input) => {
    const result = await changeLeakedKeyPolicyAction(input);
    expect(result.ok).toBeFalsy();
    expect(await policyOf()).toBe('disable');
  });
});
