import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { closeDatabase, getDb } from '@/db/index';
import { apiKeys, auditLog, mailOutbox } from '@/db/schema';
import type { SessionUser } from '@/db/queries/users';
import { createTestKey, versionOf } from '@/lib/api-keys/__fixtures__/test-keys';
import { hashApiKey } from '@/lib/api-keys';
import { findApiKeyByHash } from '@/lib/api-keys/key-lookup';
import { stopApiKeyInvalidation } from '@/lib/api-keys/key-invalidation';
import { keyState } from '@/lib/api-keys/key-state';
import { everywhere, type KeyPermissions } from '@/lib/api-keys/permissions';
import { rateLimitFormFields, type KeyRateLimit } from '@/lib/api-keys/rate-limit-policy';
import { createTestCommunity } from '@/test/db';

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
// Only the session cookie is faked; the role rule and the action wrapper run as in production.
vi.mock('@/lib/session', () => ({ currentUser: async () => session.user }));
vi.mock('next/headers', () => ({ headers: async () => new Headers() }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

const actions = await import('./actions');

let home: Awaited<ReturnType<typeof createTestCommunity>>;
let other: Awaited<ReturnType<typeof createTestCommunity>>;

beforeAll(async () => {
  home = await createTestCommunity();
  other = await createTestCommunity();
});
beforeEach(() => {
  session.user = home.admin;
});
afterAll(async () => {
  await stopApiKeyInvalidation();
  await closeDatabase();
});

const newKey = (opts: { name?: string; expiresAt?: Date | null; communityId?: string; createdById?: string; permissions?: KeyPermissions; rateLimit?: KeyRateLimit } = {}) =>
  createTestKey({ communityId: home.communityId, createdById: home.admin.id, ...opts });
const row = async (id: string) => (await getDb().select().from(apiKeys).where(eq(apiKeys.id, id)))[0];
const audits = (id: string, action: string) => getDb().select().from(auditLog).where(and(eq(auditLog.apiKeyId, id), eq(auditLog.action, action)));
const editInput = (key: { id: string; name: string }, version: Date, patch: Record<string, unknown> = {}) => ({
  id: key.id,
  version: version.toISOString(),
  name: key.name,
  description: '',
  ipLimits: '',
  notifyOnUse: false,
  permissions: everywhere('write'),
  expiry: 'keep',
  expiresOn: '',
  ...rateLimitFormFields(null),
  ...patch,
});
// The API sees a change once this instance's key cache hears of it: wait for that, with room to
// spare; how fast it happens is measured by `npm run check:invalidation`.
const EVENTUALLY = { timeout: 10_000, interval: 10 };
const mailOf = (id: string) => getDb().select().from(mailOutbox).where(eq(mailOutbox.apiKeyId, id));
const stateOf = async (plaintext: string) => {
  const cached = await findApiKeyByHash(hashApiKey(plaintext));
  return cached ? keyState(cached) : 'unknown';
};

describe('edit', () => {
  it('saves the changes, records what changed, and refuses a stale form', async () => {
    const key = await newKey({ name: 'Before' });
    const loaded = (await row(key.id)).updatedAt;
    const saved = await actions.editApiKeyAction(editInput({ ...key, name: 'After' }, loaded, { ipLimits: '10.0.0.0/8', expiry: '30d' }));
    expect(saved).toMatchObject({ ok: true, data: { changed: ['name', 'ipLimits', 'expiresAt'] } });
    const after = await row(key.id);
    expect(after).toMatchObject({ name: 'After', ipLimits: ['10.0.0.0/8'] });
    expect(after.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    const [entry] = await audits(key.id, 'api_key.edited');
    expect((entry.details as { changes: Record<string, unknown> }).changes.name).toEqual({ from: 'Before', to: 'After' });

    // A second admin still holding the form loaded before that save:
    const stale = await actions.editApiKeyAction(editInput({ ...key, name: 'Overwrite' }, loaded));
    expect(stale.ok).toBeFalsy();
    expect(stale.message).toMatch(/Someone else changed this key/);
    expect((await row(key.id)).name).toBe('After');
  });

  it('refuses a duplicate name, a past expiry, and bad IP limits, changing nothing', async () => {
    await newKey({ name: 'Taken name' });
    const key = await newKey({ name: 'Mine' });
    const version = (await row(key.id)).updatedAt;
    const duplicate = await actions.editApiKeyAction(editInput({ ...key, name: 'TAKEN NAME' }, version));
    expect(duplicate.errors?.name?.[0]).toMatch(/already exists/);
    const past = await actions.editApiKeyAction(editInput(key, version, { expiry: 'custom', expiresOn: '2020-01-01' }));
    expect(past.errors?.expiresOn?.[0]).toBe('Choose a date in the future');
    const badIp = await actions.editApiKeyAction(editInput(key, version, { ipLimits: '10.0.0.0/33' }));
    expect(badIp.errors?.ipLimits?.[0]).toMatch(/10\.0\.0\.0\/33/);
    expect(await row(key.id)).toMatchObject({ name: 'Mine', ipLimits: [], expiresAt: null, updatedAt: version });
  });

  it('records a permission change from → to; widening queues a security notice, narrowing does not', async () => {
    const key = await newKey({ permissions: { projects: 'read', members: 'read', feedback: 'read' } });
    const widened = { projects: 'read', members: 'none', feedback: 'write' } as const;
    const saved = await actions.editApiKeyAction(editInput(key, (await row(key.id)).updatedAt, { permissions: widened }));
    expect(saved).toMatchObject({ ok: true, data: { changed: ['permissions'] } });
    expect((await row(key.id)).permissions).toEqual(widened);
    const [entry] = await audits(key.id, 'api_key.edited');
    expect((entry.details as { changes: Record<string, unknown> }).changes).toEqual({
      permissions: { from: { projects: 'read', members: 'read', feedback: 'read' }, to: widened },
    });
    const [notice] = await mailOf(key.id);
    expect(notice).toMatchObject({ kind: 'key_permissions_widened', toAddress: home.admin.email });
    expect(notice.subject).toMatch(/^Security notice: .* was given wider permissions$/);
    expect(notice.textBody).toContain('Feedback: Read and write');
    expect(notice.textBody).toContain(home.admin.name);

    const narrowed = { projects: 'none', members: 'none', feedback: 'read' } as const;
    expect(await actions.editApiKeyAction(editInput(key, (await row(key.id)).updatedAt, { permissions: narrowed }))).toMatchObject({ ok: true });
    expect((await row(key.id)).permissions).toEqual(narrowed);
    expect(await audits(key.id, 'api_key.edited')).toHaveLength(2);
    expect(await mailOf(key.id)).toHaveLength(1);

    // The same permissions again, sent in another order, change nothing.
    const reordered = { feedback: 'read', members: 'none', projects: 'none' } as const;
    expect(await actions.editApiKeyAction(editInput(key, (await row(key.id)).updatedAt, { permissions: reordered }))).toMatchObject({ ok: true, data: { changed: [] } });
  });

  it.each<[string, unknown]>([
    ['an unknown resource', { ...everywhere('read'), billing: 'write' }],
    ['an unknown level', { ...everywhere('read'), feedback: 'owner' }],
    ['a missing resource', { projects: 'write', feedback: 'write' }],
    ['an extra field', { ...everywhere('write'), all: true }],
  ])('refuses an edit with %s as a field error, saving nothing', async (_label, permissions) => {
    const key = await newKey({ permissions: everywhere('none') });
    const version = (await row(key.id)).updatedAt;
    const result = await actions.editApiKeyAction(editInput(key, version, { permissions }));
    expect(result.ok).toBeFalsy();
    expect(result.errors?.permissions?.length).toBeGreaterThan(0);
    expect(await row(key.id)).toMatchObject({ permissions: everywhere('none'), updatedAt: version });
    expect(await audits(key.id, 'api_key.edited')).toHaveLength(0);
    expect(await mailOf(key.id)).toHaveLength(0);
  });

  it('records a rate limit change from → to, and No limit as a choice', async () => {
    const key = await newKey({ rateLimit: { limit: 1000, window: 'minute' } });
    const saved = await actions.editApiKeyAction(editInput(key, (await row(key.id)).updatedAt, rateLimitFormFields({ limit: 10, window: 'second' })));
    expect(saved).toMatchObject({ ok: true, data: { changed: ['rateLimit'] } });
    expect((await row(key.id)).rateLimit).toEqual({ limit: 10, window: 'second' });
    expect(await actions.editApiKeyAction(editInput(key, (await row(key.id)).updatedAt, { rateLimitChoice: 'none', rateLimitRequests: '', rateLimitWindow: '' }))).toMatchObject({ ok: true });
    expect((await row(key.id)).rateLimit).toBeNull();
    const changes = (await audits(key.id, 'api_key.edited')).map((entry) => (entry.details as { changes: Record<string, unknown> }).changes);
    expect(changes).toEqual(
      expect.arrayContaining([
        { rateLimit: { from: { limit: 1000, window: 'minute' }, to: { limit: 10, window: 'second' } } },
        { rateLimit: { from: { limit: 10, window: 'second' }, to: null } },
      ]),
    );
    // The same limit again changes nothing.
    expect(await actions.editApiKeyAction(editInput(key, (await row(key.id)).updatedAt, rateLimitFormFields(null)))).toMatchObject({ ok: true, data: { changed: [] } });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['0', { rateLimitRequests: '0' }, 'rateLimitRequests'],
    ['−1', { rateLimitRequests: '-1' }, 'rateLimitRequests'],
    ['1.5', { rateLimitRequests: '1.5' }, 'rateLimitRequests'],
    ['10 000 000', { rateLimitRequests: 10_000_000 }, 'rateLimitRequests'],
    ['abc', { rateLimitRequests: 'abc' }, 'rateLimitRequests'],
    ['an empty number', { rateLimitRequests: '' }, 'rateLimitRequests'],
    ['an unknown window', { rateLimitWindow: 'day' }, 'rateLimitWindow'],
    ['an unknown choice', { rateLimitChoice: 'unlimited' }, 'rateLimitChoice'],
    ['no choice at all', { rateLimitChoice: undefined }, 'rateLimitChoice'],
  ])('refuses a rate limit of %s as a field error, saving nothing', async (_label, patch, field) => {
    const key = await newKey({ rateLimit: { limit: 5, window: 'hour' } });
    const version = (await row(key.id)).updatedAt;
    const result = await actions.editApiKeyAction(editInput(key, version, { ...rateLimitFormFields({ limit: 7, window: 'minute' }), ...patch }));
    expect(result.ok).toBeFalsy();
    expect(result.errors?.[field]?.length).toBeGreaterThan(0);
    expect(await row(key.id)).toMatchObject({ rateLimit: { limit: 5, window: 'hour' }, updatedAt: version });
    expect(await audits(key.id, 'api_key.edited')).toHaveLength(0);
  });

  it('dry-runs tighter IP limits without changing anything', async () => {
    const key = await newKey();
    const preview = await actions.previewIpLimitsAction({ id: key.id, ipLimits: '10.0.0.0/8' });
    expect(preview).toEqual({ ok: true, data: [] });
    expect((await row(key.id)).ipLimits).toEqual([]);
  });
});

describe('disable, enable, delete', () => {
  it('disable and enable change what the API sees, each audited', async () => {
    const key = await newKey();
    expect(await stateOf(key.key)).toBe('enabled');
    expect(await actions.disableApiKeyAction({ id: key.id })).toEqual({ ok: true });
    await expect.poll(() => stateOf(key.key), EVENTUALLY).toBe('disabled');
    expect(await actions.enableApiKeyAction({ id: key.id })).toEqual({ ok: true });
    await expect.poll(() => stateOf(key.key), EVENTUALLY).toBe('enabled');
    expect(await audits(key.id, 'api_key.disabled')).toHaveLength(1);
    expect(await audits(key.id, 'api_key.enabled')).toHaveLength(1);
  });

  it('delete needs the exact name, is irreversible, and keeps the audit trail', async () => {
    const key = await newKey({ name: 'Doomed' });
    const wrong = await actions.deleteApiKeyAction({ id: key.id, confirmName: 'doomed' });
    expect(wrong.errors?.confirmName?.[0]).toBe('Type “Doomed” to confirm');
    expect((await row(key.id)).deletedAt).toBeNull();

    expect(await actions.deleteApiKeyAction({ id: key.id, confirmName: 'Doomed' })).toEqual({ ok: true });
    await expect.poll(() => stateOf(key.key), EVENTUALLY).toBe('deleted');
    expect(await actions.enableApiKeyAction({ id: key.id })).toMatchObject({ message: expect.stringMatching(/does not exist/) });
    expect(await audits(key.id, 'api_key.deleted')).toHaveLength(1);
    expect(await audits(key.id, 'api_key.created')).toHaveLength(1);
  });
});

describe('rotate', () => {
  it('gives a new secret; the old one works for the grace period, never past the key’s expiry', async () => {
    const expiresAt = new Date(Date.now() + 60 * 60 * 1000);
    const key = await newKey({ expiresAt });
    const result = await actions.rotateApiKeyAction({ id: key.id, version: await versionOf(key.id), grace: '7d' });
    expect(result.ok).toBe(true);
    const fresh = result.data!.key;
    expect(fresh).not.toBe(key.key);
    expect(new Date(result.data!.graceUntil)).toEqual(expiresAt);
    expect(await stateOf(fresh)).toBe('enabled');
    expect(await stateOf(key.key)).toBe('enabled');
    expect((await row(key.id)).hash).toBe(hashApiKey(fresh));
    expect(await audits(key.id, 'api_key.rotated')).toHaveLength(1);
  });

  it('with no grace, the old secret fails with key_expired at once', async () => {
    const key = await newKey();
    const result = await actions.rotateApiKeyAction({ id: key.id, version: await versionOf(key.id), grace: 'none' });
    await expect.poll(() => stateOf(key.key), EVENTUALLY).toBe('expired');
    expect(await stateOf(result.data!.key)).toBe('enabled');
  });

  it('refuses a grace period not in the table', async () => {
    const key = await newKey();
    const result = await actions.rotateApiKeyAction({ id: key.id, version: await versionOf(key.id), grace: '30d' });
    expect(result.errors?.grace?.[0]).toMatch(/Choose a grace period/);
    expect((await row(key.id)).hash).toBe(key.hash);
  });

  it('two admins rotating at once: one gets a secret that works, the other is told to reload', async () => {
    const key = await newKey();
    const version = await versionOf(key.id);
    const results = await Promise.all([
      actions.rotateApiKeyAction({ id: key.id, version, grace: 'none' }),
      actions.rotateApiKeyAction({ id: key.id, version, grace: 'none' }),
    ]);
    const won = results.filter((result) => result.ok);
    const lost = results.filter((result) => !result.ok);
    expect(won).toHaveLength(1);
    expect(lost).toEqual([{ message: expect.stringMatching(/Someone else changed this key/) }]);
    await expect.poll(() => stateOf(won[0].data!.key), { timeout: 10_000 }).toBe('enabled');
    expect((await row(key.id)).hash).toBe(hashApiKey(won[0].data!.key));
    expect(await audits(key.id, 'api_key.rotated')).toHaveLength(1);
  });

  it('refuses a rotation from a page loaded before another change', async () => {
    const key = await newKey();
    const stale = await versionOf(key.id);
    await actions.disableApiKeyAction({ id: key.id });
    expect(await actions.rotateApiKeyAction({ id: key.id, version: stale, grace: 'none' })).toEqual({ message: expect.stringMatching(/Reload the page/) });
    expect((await row(key.id)).hash).toBe(key.hash);
  });
});

describe('refusals', () => {
  it('another community’s key, an unknown id and a deleted key are not found, and nothing changes', async () => {
    const foreign = await createTestKey({ communityId: other.communityId, createdById: other.admin.id, name: 'Foreign' });
    const deleted = await newKey();
    await actions.deleteApiKeyAction({ id: deleted.id, confirmName: deleted.name });
    for (const id of [foreign.id, '00000000-0000-4000-8000-000000000000', deleted.id]) {
      for (const result of [
        await actions.disableApiKeyAction({ id }),
        await actions.rotateApiKeyAction({ id, version: new Date().toISOString(), grace: 'none' }),
        await actions.deleteApiKeyAction({ id, confirmName: 'Foreign' }),
        await actions.editApiKeyAction(editInput({ id, name: 'Hijacked' }, new Date())),
      ]) {
        expect(result.ok).toBeFalsy();
        expect(result.message).toMatch(/does not exist/);
      }
    }
    expect(await row(foreign.id)).toMatchObject({ name: 'Foreign', status: 'enabled', hash: foreign.hash, deletedAt: null });
  });

  it('the key page’s lookup treats an id that is not a UUID as not found', async () => {
    const { findApiKeyForAdmin } = await import('@/db/queries/api-keys');
    await expect(findApiKeyForAdmin({ id: 'not-a-uuid', communityId: home.communityId })).resolves.toBeNull();
    const key = await newKey();
    await expect(findApiKeyForAdmin({ id: key.id, communityId: other.communityId })).resolves.toBeNull();
    await expect(findApiKeyForAdmin({ id: key.id, communityId: home.communityId })).resolves.toMatchObject({ id: key.id });
  });

  it('a member calling any action directly is refused', async () => {
    const key = await newKey({ permissions: everywhere('read') });
    session.user = home.member;
    for (const result of [
      await actions.disableApiKeyAction({ id: key.id }),
      await actions.enableApiKeyAction({ id: key.id }),
      await actions.rotateApiKeyAction({ id: key.id, version: new Date().toISOString(), grace: 'none' }),
      await actions.deleteApiKeyAction({ id: key.id, confirmName: key.name }),
      await actions.editApiKeyAction(editInput({ ...key, name: 'Member edit' }, new Date())),
      await actions.editApiKeyAction(editInput(key, (await row(key.id)).updatedAt, { permissions: everywhere('write') })),
      await actions.previewIpLimitsAction({ id: key.id, ipLimits: '10.0.0.1' }),
    ]) {
      expect(result).toEqual({ message: 'Only community admins can do this.' });
    }
    expect(await row(key.id)).toMatchObject({ name: key.name, status: 'enabled', hash: key.hash, permissions: everywhere('read') });
    expect(await mailOf(key.id)).toHaveLength(0);
  });
});
