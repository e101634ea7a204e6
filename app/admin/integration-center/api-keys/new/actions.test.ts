import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { closeDatabase, getDb } from '@/db/index';
import { apiKeys, auditLog } from '@/db/schema';
import type { SessionUser } from '@/db/queries/users';
import { hashApiKey, parseApiKey } from '@/lib/api-keys';
import { NEW_KEY_PERMISSIONS } from '@/lib/api-keys/permissions';
import { markStampedByServer } from '@/lib/request-stamp';
import { createTestCommunity } from '@/test/db';

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
// Only the session cookie is faked; the role rule and the action wrapper run as in production.
vi.mock('@/lib/session', () => ({ currentUser: async () => session.user }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-forwarded-for': '203.0.113.9' }) }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

const { createApiKeyAction } = await import('./actions');

let community: Awaited<ReturnType<typeof createTestCommunity>>;
const valid = { name: 'Jira sync', description: 'Syncs issues', prefix: '', ipLimits: '', notifyOnUse: false, permissions: NEW_KEY_PERMISSIONS };

async function keysInCommunity() {
  return getDb().select().from(apiKeys).where(eq(apiKeys.communityId, community.communityId));
}

beforeAll(async () => {
  markStampedByServer(); // as server.ts does: it alone sets X-Forwarded-For
  community = await createTestCommunity();
});
beforeEach(() => {
  session.user = community.admin;
});
afterAll(() => closeDatabase());

describe('createApiKeyAction', () => {
  it('creates a key, returns the plaintext once, and stores only its hash and hint', async () => {
    const result = await createApiKeyAction({ ...valid, name: 'Stored once', prefix: 'jira', ipLimits: '10.0.0.5/24\n2001:DB8::/32', notifyOnUse: true });
    expect(result.ok).toBe(true);
    const key = result.data!.key;
    expect(parseApiKey(key)).toMatchObject({ ok: true, prefix: 'jira' });

    const [row] = await getDb().select().from(apiKeys).where(eq(apiKeys.id, result.data!.id));
    expect(row.hash).toBe(hashApiKey(key));
    expect(row.hint).toBe(`jira_…${key.slice(-4)}`);
    expect(JSON.stringify(row)).not.toContain(key);
    expect(row.ipLimits).toEqual(['10.0.0.0/24', '2001:db8::/32']);
    expect(row.notifyOnUse).toBe(true);
    expect(row.notifyUserId).toBe(community.admin.id);
    expect(row.createdById).toBe(community.admin.id);

    const audit = await getDb().select().from(auditLog).where(eq(auditLog.apiKeyId, row.id));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'api_key.created', actorId: community.admin.id, ip: '203.0.113.9' });
    expect(JSON.stringify(audit[0])).not.toContain(key);
  });

  it('uses the community default prefix when Prefix is empty', async () => {
    const result = await createApiKeyAction({ ...valid, name: 'Default prefix' });
    expect(result.data!.key.startsWith('test_')).toBe(true);
  });

  type Case = [string, Record<string, unknown>, string, RegExp];
  const cases: Case[] = [
    ['empty name', { name: '' }, 'name', /Enter a name/],
    ['whitespace name', { name: '   ' }, 'name', /Enter a name/],
    ['101-char name', { name: 'n'.repeat(101) }, 'name', /at most 100/],
    ['501-char description', { description: 'd'.repeat(501) }, 'description', /at most 500/],
    ['uppercase prefix', { prefix: 'Acme' }, 'prefix', /Prefix must be/],
    ['prefix with a space', { prefix: 'ac me' }, 'prefix', /Prefix must be/],
    ['emoji prefix', { prefix: 'ac🔑' }, 'prefix', /Prefix must be/],
    ['prefix with leading digit', { prefix: '1acme' }, 'prefix', /Prefix must be/],
    ['1-char prefix', { prefix: 'a' }, 'prefix', /Prefix must be/],
    ['17-char prefix', { prefix: 'a'.repeat(17) }, 'prefix', /Prefix must be/],
    ['IP 300.1.1.1', { ipLimits: '300.1.1.1' }, 'ipLimits', /"300\.1\.1\.1"/],
    ['CIDR /33', { ipLimits: '10.0.0.0/33' }, 'ipLimits', /"10\.0\.0\.0\/33"/],
    ['IPv6 ::g', { ipLimits: '::g' }, 'ipLimits', /"::g"/],
    ['IP 1.2.3', { ipLimits: '1.2.3' }, 'ipLimits', /"1\.2\.3"/],
    ['rate limit 0', { rateLimitChoice: 'limit', rateLimitRequests: '0' }, 'rateLimitRequests', /whole number from 1 to 1,000,000/],
    ['rate limit −1', { rateLimitChoice: 'limit', rateLimitRequests: '-1' }, 'rateLimitRequests', /whole number from 1 to 1,000,000/],
    ['rate limit 1.5', { rateLimitChoice: 'limit', rateLimitRequests: '1.5' }, 'rateLimitRequests', /whole number/],
    ['rate limit 1.5 as a number', { rateLimitChoice: 'limit', rateLimitRequests: 1.5 }, 'rateLimitRequests', /whole number/],
    ['rate limit 10 000 000', { rateLimitChoice: 'limit', rateLimitRequests: '10000000' }, 'rateLimitRequests', /whole number from 1 to 1,000,000/],
    ['rate limit abc', { rateLimitChoice: 'limit', rateLimitRequests: 'abc' }, 'rateLimitRequests', /whole number/],
    ['rate limit per day', { rateLimitChoice: 'limit', rateLimitRequests: '5', rateLimitWindow: 'day' }, 'rateLimitWindow', /Choose second, minute or hour/],
    ['rate limit choice “lots”', { rateLimitChoice: 'lots' }, 'rateLimitChoice', /Choose No limit or Limit to/],
    ['1 000 lines', { ipLimits: Array.from({ length: 1000 }, (_, i) => `10.0.${i >> 8}.${i & 255}`).join('\n') }, 'ipLimits', /At most 100/],
  ];

  it.each(cases)('rejects %s with a specific error and creates nothing', async (_label, patch, field, message) => {
    const before = (await keysInCommunity()).length;
    const result = await createApiKeyAction({ ...valid, name: `Case ${_label}`, ...patch });
    expect(result.ok).toBeFalsy();
    expect(result.errors?.[field]?.join('\n')).toMatch(message);
    expect((await keysInCommunity()).length).toBe(before);
  });

  it('names every bad IP line, and accepts a blank line among good ones', async () => {
    const bad = await createApiKeyAction({ ...valid, name: 'Bad IPs', ipLimits: '300.1.1.1\n10.0.0.1\n::g' });
    expect(bad.errors?.ipLimits?.join('\n')).toMatch(/"300\.1\.1\.1"[\s\S]*"::g"/);
    const good = await createApiKeyAction({ ...valid, name: 'Blank line', ipLimits: '10.0.0.1\n\n192.0.2.0/24\n' });
    expect(good.ok).toBe(true);
  });

  it('refuses a name already taken, in any case', async () => {
    expect((await createApiKeyAction({ ...valid, name: 'Zapier' })).ok).toBe(true);
    const before = (await keysInCommunity()).length;
    const again = await createApiKeyAction({ ...valid, name: '  zAPIER ' });
    expect(again.errors?.name?.[0]).toBe('An API key named “zAPIER” already exists. Choose another name.');
    expect((await keysInCommunity()).length).toBe(before);
  });

  it('refuses a member calling the action directly', async () => {
    session.user = community.member;
    const before = (await keysInCommunity()).length;
    const result = await createApiKeyAction({ ...valid, name: 'Member key' });
    expect(result).toEqual({ message: 'Only community admins can do this.' });
    expect((await keysInCommunity()).length).toBe(before);
  });

  it('refuses a signed-out caller', async () => {
    session.user = null;
    const result = await createApiKeyAction({ ...valid, name: 'Anonymous key' });
    expect(result.ok).toBeFalsy();
    expect(result.message).toMatch(/Sign in/);
  });

  it('stores the permissions chosen, and records them in the audit entry', async () => {
    const permissions = { projects: 'write', members: 'none', feedback: 'read' } as const;
    const result = await createApiKeyAction({ ...valid, name: 'Chosen permissions', permissions });
    const [row] = await getDb().select().from(apiKeys).where(eq(apiKeys.id, result.data!.id));
    expect(row.permissions).toEqual(permissions);
    const [audit] = await getDb().select().from(auditLog).where(eq(auditLog.apiKeyId, row.id));
    expect(audit.details).toMatchObject({ permissions });
  });

  it('starts a key at 1,000 per minute unless told otherwise; stores the limit chosen or No limit, and audits it', async () => {
    const byDefault = await createApiKeyAction({ ...valid, name: 'Default rate limit' });
    const chosen = await createApiKeyAction({ ...valid, name: 'Chosen rate limit', rateLimitChoice: 'limit', rateLimitRequests: '25', rateLimitWindow: 'second' });
    const unlimited = await createApiKeyAction({ ...valid, name: 'No rate limit', rateLimitChoice: 'none', rateLimitRequests: 'ignored', rateLimitWindow: 'ignored' });
    const rateLimitOf = async (id: string) => (await getDb().select().from(apiKeys).where(eq(apiKeys.id, id)))[0].rateLimit;
    expect(await rateLimitOf(byDefault.data!.id)).toEqual({ limit: 1000, window: 'minute' });
    expect(await rateLimitOf(chosen.data!.id)).toEqual({ limit: 25, window: 'second' });
    expect(await rateLimitOf(unlimited.data!.id)).toBeNull();
    const [audit] = await getDb().select().from(auditLog).where(eq(auditLog.apiKeyId, chosen.data!.id));
    expect(audit.details).toMatchObject({ rateLimit: { limit: 25, window: 'second' } });
  });

  it('expires a key in 90 days unless told otherwise; Never stores no expiry', async () => {
    const before = Date.now();
    const byDefault = await createApiKeyAction({ ...valid, name: 'Default expiry' });
    const never = await createApiKeyAction({ ...valid, name: 'Never expires', expiry: 'never' });
    const expiryOf = async (id: string) => (await getDb().select().from(apiKeys).where(eq(apiKeys.id, id)))[0].expiresAt;
    const expiresAt = (await expiryOf(byDefault.data!.id))!.getTime();
    expect(expiresAt).toBeGreaterThanOrEqual(before + 90 * 86_400_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 90 * 86_400_000);
    expect(await expiryOf(never.data!.id)).toBeNull();
  });

  const read = NEW_KEY_PERMISSIONS;
  it.each<[string, unknown, RegExp]>([
    ['an unknown resource', { ...read, billing: 'write' }, /Unknown resource “billing”/],
    ['an extra field', { ...read, admin: true, scopes: ['*'] }, /Unknown resources “admin”, “scopes”/],
    ['an unknown level', { ...read, feedback: 'admin' }, /Choose No access, Read or Read and write for Feedback/],
    ['a level by its label', { ...read, projects: 'Read and write' }, /for Projects/],
    ['a level in another case', { ...read, members: 'WRITE' }, /for Members/],
    ['a nested object for a level', { ...read, feedback: { level: 'write' } }, /for Feedback/],
    ['a missing resource', { projects: 'read', members: 'read' }, /for Feedback/],
    ['no permissions at all', undefined, /Choose a level for each of Projects, Members, Feedback/],
    ['a string', 'write', /Choose a level for each/],
    ['an array', ['feedback:write'], /Choose a level for each/],
  ])('refuses permissions with %s as a field error, and creates nothing', async (label, permissions, message) => {
    const before = (await keysInCommunity()).length;
    const result = await createApiKeyAction({ ...valid, name: `Forged ${label}`, permissions });
    expect(result.ok).toBeFalsy();
    expect(result.errors?.permissions?.join('\n')).toMatch(message);
    expect((await keysInCommunity()).length).toBe(before);
  });

  it('ignores forged fields and rejects forged shapes', async () => {
    const forged = await createApiKeyAction({ ...valid, name: 'Forged', communityId: '00000000-0000-0000-0000-000000000000', status: 'disabled', hash: 'x' });
    expect(forged.ok).toBe(true);
    const [row] = await getDb().select().from(apiKeys).where(eq(apiKeys.id, forged.data!.id));
    expect(row).toMatchObject({ communityId: community.communityId, status: 'enabled' });
    expect(row.hash).not.toBe('x');

    for (const payload of [null, 'name=x', [], { ...valid, name: 42 }, { ...valid, notifyOnUse: 'yes' }]) {
      const before = (await keysInCommunity()).length;
      const result = await createApiKeyAction(payload);
      expect(result.ok).toBeFalsy();
      expect((await keysInCommunity()).length).toBe(before);
    }
  });
});
