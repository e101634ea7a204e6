import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { closeDatabase, getDb } from '@/db/index';
import { apiKeys, communities } from '@/db/schema';
import type { SessionUser } from '@/db/queries/users';
import { record } from '@/db/queries/__fixtures__/usage-rows';
import { createTestKey } from '@/lib/api-keys/__fixtures__/test-keys';
import { stopApiKeyInvalidation } from '@/lib/api-keys/key-invalidation';
import { NO_ANSWER } from '@/lib/form-state';
import { createTestCommunity } from '@/test/db';

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
// Only the session cookie is faked; the wrappers, schemas and changes run as in production.
vi.mock('@/lib/session', () => ({ currentUser: async () => session.user }));
vi.mock('next/headers', () => ({ headers: async () => new Headers() }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('next/navigation', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/navigation')>()),
  redirect: (url: string) => {
    throw Object.assign(new Error('NEXT_REDIRECT'), { redirectedTo: url, digest: `NEXT_REDIRECT;replace;${url};307;` });
  },
}));

const { createApiKeyFormAction } = await import('./api-keys/new/actions');
const { editApiKeyFormAction } = await import('./api-keys/[id]/actions');
const { changeLeakedKeyPolicyFormAction } = await import('./actions');

let home: Awaited<ReturnType<typeof createTestCommunity>>;
beforeAll(async () => {
  home = await createTestCommunity();
});
beforeEach(() => {
  session.user = home.admin;
});
afterAll(async () => {
  await stopApiKeyInvalidation();
  await closeDatabase();
});

/** A form as the browser posts it before the page's script has run: strings, ticked boxes only, Next's own fields. */
function posted(fields: Record<string, string>): FormData {
  const form = new FormData();
  form.append('$ACTION_REF_1', '');
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return form;
}
const READ_ALL = { 'permissions.projects': 'read', 'permissions.members': 'read', 'permissions.feedback': 'read' };
const row = async (id: string) => (await getDb().select().from(apiKeys).where(eq(apiKeys.id, id)))[0];

async function editFields(id: string, patch: Record<string, string>) {
  const key = await row(id);
  return posted({ id, version: key.updatedAt.toISOString(), name: key.name, description: '', ipLimits: '', expiry: 'keep', rateLimitChoice: 'none', ...READ_ALL, ...patch });
}

describe('forms posted before hydration', () => {
  it('create: a valid post creates the key and answers with it, for the page to show', async () => {
    const answer = await createApiKeyFormAction(NO_ANSWER, posted({ name: 'Posted key', notifyOnUse: 'on', rateLimitChoice: 'none', ...READ_ALL }));
    expect(answer).toMatchObject({ ok: true, data: { name: 'Posted key', key: expect.stringMatching(/^test_/) } });
    const created = await row((answer.data as { id: string }).id);
    expect(created).toMatchObject({ name: 'Posted key', notifyOnUse: true, rateLimit: null });
  });

  it('create: a bad post changes nothing and answers with the errors and what was sent', async () => {
    const answer = await createApiKeyFormAction(NO_ANSWER, posted({ name: '  ', ipLimits: 'not-an-ip', ...READ_ALL }));
    expect(answer.ok).toBeFalsy();
    expect(Object.keys(answer.errors ?? {}).sort()).toEqual(['ipLimits', 'name']);
    expect(answer.submitted).toMatchObject({ name: '  ', ipLimits: 'not-an-ip', notifyOnUse: false });
  });

  it('edit: saves, then goes to the key’s page as the hydrated form does', async () => {
    const key = await createTestKey({ communityId: home.communityId, createdById: home.admin.id });
    await expect(editApiKeyFormAction(NO_ANSWER, await editFields(key.id, { name: 'Renamed by post' }))).rejects.toMatchObject({
      redirectedTo: `/admin/integration-center/api-keys/${key.id}`,
    });
    expect((await row(key.id)).name).toBe('Renamed by post');
  });

  it('edit: new IP limits that would refuse a recent caller save nothing, and say who (no dialog to confirm in)', async () => {
    const key = await createTestKey({ communityId: home.communityId, createdById: home.admin.id });
    await record({ apiKeyId: key.id, communityId: home.communityId }, [{ at: new Date(Date.now() - 3_600_000), ip: '198.51.100.7' }]);
    const answer = await editApiKeyFormAction(NO_ANSWER, await editFields(key.id, { name: 'Not saved', ipLimits: '10.0.0.0/8' }));
    expect(answer.errors?.ipLimits?.[0]).toMatch(/^The new IP limits would refuse 1 address that called with this key in the last 30 days: 198\.51\.100\.7\. Nothing was saved/);
    expect(answer.submitted).toMatchObject({ name: 'Not saved', ipLimits: '10.0.0.0/8' });
    expect(await row(key.id)).toMatchObject({ name: key.name, ipLimits: [] });

    // Limits that still admit the caller save as usual.
    await expect(editApiKeyFormAction(NO_ANSWER, await editFields(key.id, { ipLimits: '198.51.100.0/24' }))).rejects.toMatchObject({ redirectedTo: expect.any(String) });
    expect((await row(key.id)).ipLimits).toEqual(['198.51.100.0/24']);
  });

  it('leaked-key policy: a post saves the choice', async () => {
    const answer = await changeLeakedKeyPolicyFormAction(NO_ANSWER, posted({ policy: 'notify' }));
    expect(answer.ok).toBe(true);
    const [community] = await getDb().select().from(communities).where(eq(communities.id, home.communityId));
    expect(community.leakedKeyPolicy).toBe('notify');
  });

  it('a member’s post is refused and changes nothing', async () => {
    session.user = home.member;
    const answer = await changeLeakedKeyPolicyFormAction(NO_ANSWER, posted({ policy: 'disable' }));
    expect(answer.message).toBe('Only community admins can do this.');
  });
});
