import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeDatabase, getDb } from '@/db/index';
import { findApiKeyRowByHash, notifyApiKeyChanged } from '@/db/queries/api-key-lookup';
import * as auditQueries from '@/db/queries/audit';
import { apiKeys, auditLog } from '@/db/schema';
import { createTestCommunity } from '@/test/db';
import { startWatcher } from './__fixtures__/start-watcher';
import { createTestKey, setTestKeyStatus } from './__fixtures__/test-keys';
import { listenerApplicationName } from './key-change-listener';
import { startApiKeyInvalidation, stopApiKeyInvalidation } from './key-invalidation';
import { apiKeyCacheStats, clearApiKeyCache, findApiKeyByHash } from './key-lookup';

// Waits for the change to arrive, asserting that it does, not how fast: the "within 1 s on every
// instance" promise is measured by `npm run check:invalidation`, not by the test suite.
const EVENTUALLY = { timeout: 10_000, interval: 10 };

let community: Awaited<ReturnType<typeof createTestCommunity>>;
const newKey = () => createTestKey({ communityId: community.communityId, createdById: community.admin.id });
const statusOf = async (hash: string) => (await findApiKeyByHash(hash))?.status;

/** Looks the key up twice, so it is certainly cached; returns the load count to compare with. */
async function warm(hash: string) {
  await findApiKeyByHash(hash);
  const { loads } = apiKeyCacheStats();
  expect(await statusOf(hash)).toBe('enabled');
  expect(apiKeyCacheStats().loads).toBe(loads);
  return loads;
}

/**
 * Returns once every notification committed before the call has reached this instance: it commits
 * a change to a marker key on the same channel and waits until the cache sees it. Notifications
 * arrive in commit order, so one wrongly sent earlier would have arrived first. Lets a test show
 * that nothing was announced without sleeping and hoping.
 */
async function allEarlierNotificationsDelivered() {
  const marker = await newKey();
  await warm(marker.hash);
  await getDb().transaction(async (tx) => {
    await tx.update(apiKeys).set({ status: 'disabled' }).where(eq(apiKeys.id, marker.id));
    await notifyApiKeyChanged(tx, { hash: marker.hash });
  });
  await vi.waitFor(async () => expect(await statusOf(marker.hash)).toBe('disabled'), EVENTUALLY);
}

/** The key is still served from this instance's cache: looking it up loads nothing. */
async function expectStillCached(hash: string, status: string) {
  const { loads } = apiKeyCacheStats();
  expect(await statusOf(hash)).toBe(status);
  expect(apiKeyCacheStats().loads).toBe(loads);
}

beforeAll(async () => {
  community = await createTestCommunity();
  await startApiKeyInvalidation();
});

afterAll(async () => {
  await stopApiKeyInvalidation();
  await closeDatabase();
});

beforeEach(() => clearApiKeyCache());

describe('in one instance', () => {
  it('sees a key disabled, enabled again and deleted', async () => {
    const key = await newKey();
    await warm(key.hash);
    const change = (status: 'enabled' | 'disabled' | 'deleted') => setTestKeyStatus(key, status, community.admin);

    expect(await change('disabled')).toEqual({ ok: true });
    await vi.waitFor(async () => expect(await statusOf(key.hash)).toBe('disabled'), EVENTUALLY);

    expect(await change('enabled')).toEqual({ ok: true });
    await vi.waitFor(async () => expect(await statusOf(key.hash)).toBe('enabled'), EVENTUALLY);

    expect(await change('deleted')).toEqual({ ok: true });
    await vi.waitFor(async () => expect(await statusOf(key.hash)).toBe('deleted'), EVENTUALLY);

    // Deleting is irreversible: the key is gone for every status change.
    expect(await change('enabled')).toEqual({ message: expect.stringMatching(/does not exist/) });
    expect(await statusOf(key.hash)).toBe('deleted');
  });

  it('leaves a key alone when the community does not own it', async () => {
    const key = await newKey();
    await warm(key.hash);
    const other = await createTestCommunity();
    const result = await setTestKeyStatus(key, 'disabled', other.admin);
    expect(result).toEqual({ message: expect.stringMatching(/does not exist/) });
    expect((await findApiKeyRowByHash({ hash: key.hash }))?.status).toBe('enabled');
    await allEarlierNotificationsDelivered();
    await expectStillCached(key.hash, 'enabled');
  });

  it('applies new IP limits announced with notifyApiKeyChanged', async () => {
    const key = await newKey();
    await warm(key.hash);
    expect((await findApiKeyByHash(key.hash))?.ipAllowed('10.0.0.1')).toBe(true);

    await getDb().transaction(async (tx) => {
      await tx.update(apiKeys).set({ ipLimits: ['192.0.2.0/24'] }).where(eq(apiKeys.id, key.id));
      await notifyApiKeyChanged(tx, { hash: key.hash });
    });
    await vi.waitFor(async () => {
      const cached = await findApiKeyByHash(key.hash);
      expect(cached?.ipLimits).toEqual(['192.0.2.0/24']);
      expect(cached?.ipAllowed('192.0.2.7')).toBe(true);
      expect(cached?.ipAllowed('10.0.0.1')).toBe(false);
    }, EVENTUALLY);
  });

  it('hears nothing from a change that was rolled back', async () => {
    const key = await newKey();
    await warm(key.hash);
    const failing = getDb().transaction(async (tx) => {
      await tx.update(apiKeys).set({ status: 'disabled' }).where(eq(apiKeys.id, key.id));
      await notifyApiKeyChanged(tx, { hash: key.hash });
      throw new Error('rolled back');
    });
    await expect(failing).rejects.toThrow('rolled back');
    await allEarlierNotificationsDelivered();
    await expectStillCached(key.hash, 'enabled');
  });

  it('commits the change, its audit entry and its notification together, or none of them', async () => {
    const key = await newKey();
    const loads = await warm(key.hash);
    vi.spyOn(auditQueries, 'writeAudit').mockRejectedValueOnce(new Error('audit failed'));
    await expect(setTestKeyStatus(key, 'disabled', community.admin)).rejects.toThrow('audit failed');
    expect((await findApiKeyRowByHash({ hash: key.hash }))?.status).toBe('enabled');

    expect(await setTestKeyStatus(key, 'disabled', community.admin)).toEqual({ ok: true });
    await vi.waitFor(async () => expect(await statusOf(key.hash)).toBe('disabled'), EVENTUALLY);
    // One reload: the rolled-back attempt sent no notification of its own.
    expect(apiKeyCacheStats().loads).toBe(loads + 1);
    const entries = await getDb().select().from(auditLog).where(eq(auditLog.apiKeyId, key.id)).orderBy(asc(auditLog.createdAt));
    expect(entries.map((entry) => entry.action)).toEqual(['api_key.created', 'api_key.disabled']);
  });
});

// PGlite lives inside one process: there is no second instance, and no connection to lose.
describe.skipIf(!process.env.DATABASE_URL)('across instances on one Postgres', () => {
  it('drops everything cached when the listener reconnects, since notifications may have been missed', async () => {
    const key = await newKey();
    await warm(key.hash);
    // A change whose notification is lost: nothing tells this instance about it…
    await getDb().update(apiKeys).set({ status: 'disabled' }).where(eq(apiKeys.id, key.id));
    await allEarlierNotificationsDelivered();
    await expectStillCached(key.hash, 'enabled');

    // …until its LISTEN connection is cut and comes back.
    const cut = await getDb().execute(
      sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${listenerApplicationName()}`,
    );
    expect(cut).toHaveLength(1);
    await vi.waitFor(async () => expect(await statusOf(key.hash)).toBe('disabled'), EVENTUALLY);

    // The new connection listens too.
    await setTestKeyStatus(key, 'enabled', community.admin);
    await vi.waitFor(async () => expect(await statusOf(key.hash)).toBe('enabled'), EVENTUALLY);
  });

  it('a second server process refuses a key disabled here, told by notification', async ({ annotate }) => {
    const key = await newKey();
    const watcher = startWatcher(key.hash);
    try {
      const ready = await watcher.next(20_000); // includes starting Node and loading the modules
      expect(ready).toMatchObject({ event: 'ready', status: 'enabled' });

      await setTestKeyStatus(key, 'disabled', community.admin);
      const committedAt = Date.now();
      const changed = await watcher.next();
      expect(changed).toMatchObject({ event: 'changed', status: 'disabled' });
      const delay = Math.round((changed.at as number) - committedAt);
      // One load to warm the key and one after the eviction: the polls in between were cache
      // hits, so the change arrived by notification, not by a query or an expiry.
      expect(changed.stats).toMatchObject({ loads: 2 });
      await annotate(`second process saw the change ${delay} ms after commit (polling every 20 ms)`);
    } finally {
      await watcher.stop();
    }
  }, 30_000);
});
