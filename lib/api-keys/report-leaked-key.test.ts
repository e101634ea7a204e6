import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, getDb } from '@/db/index';
import { apiKeyPreviousSecrets, communities } from '@/db/schema';
import { findApiKeyRowByHash } from '@/db/queries/api-key-lookup';
import { findCurrentLeakReport } from '@/db/queries/leak-reports';
import { leakStateOf } from '@/lib/leaked-keys/__fixtures__/leak-state';
import { createTestCommunity } from '@/test/db';
import { createTestKey, setTestKeyStatus, versionOf } from './__fixtures__/test-keys';
import { rotateKey } from './manage-api-key';
import { reportLeakedKey, type LeakReport } from './report-leaked-key';

let community: Awaited<ReturnType<typeof createTestCommunity>>;
beforeAll(async () => {
  community = await createTestCommunity();
});
afterAll(() => closeDatabase());

const newKey = () => createTestKey({ communityId: community.communityId, createdById: community.admin.id });
const github: LeakReport = { reporter: 'github', reporterIp: '140.82.115.9', tokenType: 'ic_api_key', url: 'https://github.com/octo/app/blob/abc/.env', source: 'commit' };
const report = (key: { id: string; hash: string }, by: LeakReport = github) => reportLeakedKey({ apiKeyId: key.id, communityId: community.communityId, hash: key.hash, ...by });
const setPolicy = (policy: 'disable' | 'notify') => getDb().update(communities).set({ leakedKeyPolicy: policy }).where(eq(communities.id, community.communityId));

describe('a key reported leaked', () => {
  it('is disabled by no one, with one audit entry naming where it was found and one notice, in one go', async () => {
    const key = await newKey();
    expect(await report(key)).toBe('disabled');
    const state = await leakStateOf(key.id);
    expect(state).toMatchObject({ status: 'disabled', disabledById: null });
    expect(state.audit).toHaveLength(1);
    expect(state.audit[0]).toMatchObject({
      action: 'api_key.reported_leaked',
      actorId: null,
      ip: '140.82.115.9',
      details: { leakedSecret: key.hint, foundAt: github.url, source: 'commit', tokenType: 'ic_api_key', result: 'disabled' },
    });
    expect(state.mail.map((m) => [m.kind, m.toAddress])).toEqual([['key_reported_leaked', community.admin.email]]);
    expect(state.mail[0].textBody).toContain(github.url);
    expect(state.mail[0].textBody).not.toContain(key.key);
    expect((await findApiKeyRowByHash({ hash: key.hash }))?.status).toBe('disabled');
    expect(await findCurrentLeakReport({ apiKeyId: key.id, communityId: community.communityId })).toMatchObject({ reporter: 'github', url: github.url, result: 'disabled' });
  });

  it('is handled once however often, and however concurrently, it is reported', async () => {
    const key = await newKey();
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => report(key, i % 2 ? github : { reporter: 'public', reporterIp: '203.0.113.5', tokenType: null, url: null, source: null })));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await report(key)).toBeNull();
    const state = await leakStateOf(key.id);
    expect(state.audit).toHaveLength(1);
    expect(state.mail).toHaveLength(1);
    expect(state.reports).toHaveLength(1);
  });

  it('already disabled: stays so, and the admin is still told (it must not be enabled before rotating)', async () => {
    const key = await newKey();
    await setTestKeyStatus(key, 'disabled', community.admin);
    expect(await report(key)).toBe('already_disabled');
    const state = await leakStateOf(key.id);
    expect(state.audit.map((entry) => entry.action)).toEqual(['api_key.disabled', 'api_key.reported_leaked']);
    expect(state.mail.map((m) => m.kind)).toEqual(['key_disabled', 'key_reported_leaked']);
  });

  it('a key disabled for its reported secret cannot be enabled again until it is rotated', async () => {
    const key = await newKey();
    expect(await report(key)).toBe('disabled');
    const refused = await setTestKeyStatus(key, 'enabled', community.admin);
    expect(refused).toEqual({ message: expect.stringMatching(/reported leaked.*Rotate the key, then enable it/) });
    expect((await leakStateOf(key.id)).status).toBe('disabled');
    // A repeat report would change nothing, so the refusal is what keeps the public secret dead.
    expect(await report(key)).toBeNull();

    await rotateKey({ id: key.id, version: await versionOf(key.id), grace: 'none' }, { user: community.admin, ip: null });
    expect(await setTestKeyStatus(key, 'enabled', community.admin)).toEqual({ ok: true });
    expect((await leakStateOf(key.id)).status).toBe('enabled');
  });

  it('deleted: nothing happens', async () => {
    const key = await newKey();
    await setTestKeyStatus(key, 'deleted', community.admin);
    expect(await report(key)).toBeNull();
    expect((await leakStateOf(key.id)).reports).toEqual([]);
  });

  it('under “Only notify” keeps working; the admin is told and the audit log says nothing was done', async () => {
    const key = await newKey();
    await setPolicy('notify');
    try {
      expect(await report(key, { reporter: 'public', reporterIp: '203.0.113.7', tokenType: null, url: null, source: null })).toBe('notified');
    } finally {
      await setPolicy('disable');
    }
    const state = await leakStateOf(key.id);
    expect(state.status).toBe('enabled');
    expect(state.audit.map((entry) => [entry.action, entry.ip, entry.details])).toEqual([['api_key.revoked_by_report', '203.0.113.7', { leakedSecret: key.hint, result: 'notified' }]]);
    expect(state.mail[0].textBody).toContain('203.0.113.7');
  });

  it('an old secret still in its grace period is ended; the key and its new secret keep working, and the banner stays off', async () => {
    const key = await newKey();
    const rotated = await rotateKey({ id: key.id, version: await versionOf(key.id), grace: '24h' }, { user: community.admin, ip: null });
    expect(rotated.ok).toBe(true);
    expect(await report(key)).toBe('old_secret_ended');
    const [previous] = await getDb().select().from(apiKeyPreviousSecrets).where(eq(apiKeyPreviousSecrets.hash, key.hash));
    expect(previous.expiresAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect((await leakStateOf(key.id)).status).toBe('enabled');
    expect(await findCurrentLeakReport({ apiKeyId: key.id, communityId: community.communityId })).toBeNull();
    // Ended, it is no longer a live credential: another report of it changes nothing.
    expect(await report(key)).toBeNull();
  });

  it('the banner goes once the key is rotated', async () => {
    const key = await newKey();
    await report(key);
    expect(await findCurrentLeakReport({ apiKeyId: key.id, communityId: community.communityId })).not.toBeNull();
    await rotateKey({ id: key.id, version: await versionOf(key.id), grace: 'none' }, { user: community.admin, ip: null });
    expect(await findCurrentLeakReport({ apiKeyId: key.id, communityId: community.communityId })).toBeNull();
  });
});
