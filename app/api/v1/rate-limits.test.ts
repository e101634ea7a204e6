import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { closeDatabase, getDb } from '@/db/index';
import { apiRequests } from '@/db/schema';
import { flushUsage } from '@/lib/api/usage-recorder';
import { versionOf } from '@/lib/api-keys/__fixtures__/test-keys';
import { stopApiKeyInvalidation } from '@/lib/api-keys/key-invalidation';
import { editKey } from '@/lib/api-keys/manage-api-key';
import { everywhere } from '@/lib/api-keys/permissions';
import { rateLimitFormFields, type KeyRateLimit } from '@/lib/api-keys/rate-limit-policy';
import { rateLimiter } from '@/lib/rate-limit/limiter';
import { callRoute, createTestKey } from '@/test/api';
import { createTestCommunity } from '@/test/db';
import * as me from './me/route';
import * as projectsRoute from './projects/route';

let community: Awaited<ReturnType<typeof createTestCommunity>>;

beforeAll(async () => {
  community = await createTestCommunity();
});
afterAll(async () => {
  await flushUsage();
  await stopApiKeyInvalidation();
  await rateLimiter().close();
  await closeDatabase();
});

const keyWith = (rateLimit: KeyRateLimit, permissions = everywhere('write')) =>
  createTestKey({ communityId: community.communityId, createdById: community.admin.id, rateLimit, permissions });
const callMe = (key: string) => callRoute(me.GET, { path: '/api/v1/me', key });
const RATE_LIMIT_HEADERS = ['ratelimit-policy', 'ratelimit', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'];

describe('a key with a rate limit', () => {
  it('answers 3 calls of a 3-per-minute key with what is left, then 429 with Retry-After, recorded as rate_limited', async () => {
    const key = await keyWith({ limit: 3, window: 'minute' });
    const before = Math.floor(Date.now() / 1000);
    const allowed = [await callMe(key.key), await callMe(key.key), await callMe(key.key)];
    expect(allowed.map((call) => call.status)).toEqual([200, 200, 200]);
    expect(allowed.map((call) => call.headers.get('x-ratelimit-remaining'))).toEqual(['2', '1', '0']);
    for (const call of allowed) {
      expect(call.headers.get('ratelimit-policy')).toBe('"key";q=3;w=60');
      expect(call.headers.get('x-ratelimit-limit')).toBe('3');
      expect(call.headers.get('ratelimit')).toMatch(/^"key";r=[0-2];t=\d+$/);
      const reset = Number(call.headers.get('x-ratelimit-reset'));
      expect(reset).toBeGreaterThan(before);
      expect(reset).toBeLessThanOrEqual(before + 61);
      expect(call.headers.get('retry-after')).toBeNull();
    }

    const refused = await callMe(key.key);
    expect(refused.status).toBe(429);
    expect(refused.json.error).toMatchObject({ code: 'rate_limited' });
    const retryAfter = Number(refused.headers.get('retry-after'));
    // Sliding window: the calls just made fade out over the next slot, so the wait can pass one window (never two).
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter < 120).toBe(true);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(refused.headers.get('ratelimit')).toBe(`"key";r=0;t=${retryAfter}`);
    expect(refused.headers.get('ratelimit-policy')).toBe('"key";q=3;w=60');

    await flushUsage();
    const rows = await getDb()
      .select({ status: apiRequests.status, outcome: apiRequests.outcome })
      .from(apiRequests)
      .where(eq(apiRequests.apiKeyId, key.id))
      .orderBy(asc(apiRequests.at));
    expect(rows.map((row) => row.outcome).sort()).toEqual(['ok', 'ok', 'ok', 'rate_limited']);
    expect(rows.find((row) => row.outcome === 'rate_limited')?.status).toBe(429);
  });

  it('counts before the permission check: headers on a 403, and 429 rather than 403 once over', async () => {
    const key = await keyWith({ limit: 1, window: 'hour' }, everywhere('none'));
    const denied = await callRoute(projectsRoute.GET, { path: '/api/v1/projects', key: key.key });
    expect(denied.status).toBe(403);
    expect(denied.headers.get('ratelimit-policy')).toBe('"key";q=1;w=3600');
    expect(denied.headers.get('x-ratelimit-remaining')).toBe('0');
    expect((await callRoute(projectsRoute.GET, { path: '/api/v1/projects', key: key.key })).status).toBe(429);
  });

  it('keys are counted apart', async () => {
    const [first, second] = [await keyWith({ limit: 1, window: 'minute' }), await keyWith({ limit: 1, window: 'minute' })];
    expect((await callMe(first.key)).status).toBe(200);
    expect((await callMe(first.key)).status).toBe(429);
    expect((await callMe(second.key)).status).toBe(200);
  });
});

describe('a key with No limit', () => {
  it('gets no rate-limit headers and is never refused', async () => {
    const key = await keyWith(null);
    for (let i = 0; i < 5; i++) {
      const call = await callMe(key.key);
      expect(call.status).toBe(200);
      for (const header of RATE_LIMIT_HEADERS) expect(call.headers.get(header)).toBeNull();
    }
    // Nothing was counted for it: a call now would leave 9 of 10.
    expect(await rateLimiter().peek(`key:${key.id}`, { limit: 10, windowSec: 60 })).toMatchObject({ remaining: 9 });
  });
});

describe('an edit of the limit', () => {
  it('reaches the guard through the key cache', async () => {
    const key = await keyWith({ limit: 1, window: 'hour' });
    expect((await callMe(key.key)).status).toBe(200);
    expect((await callMe(key.key)).status).toBe(429);
    const edit = async (rateLimit: KeyRateLimit) =>
      editKey(
        { id: key.id, version: await versionOf(key.id), name: key.name, description: '', ipLimits: '', notifyOnUse: false, permissions: everywhere('write'), expiry: 'keep', expiresOn: '', ...rateLimitFormFields(rateLimit) },
        { user: community.admin, ip: null },
      );
    expect(await edit({ limit: 10, window: 'second' })).toMatchObject({ ok: true, data: { changed: ['rateLimit'] } });
    await expect.poll(async () => (await callMe(key.key)).headers.get('ratelimit-policy'), { timeout: 10_000 }).toBe('"key";q=10;w=1');
    expect(await edit(null)).toMatchObject({ ok: true, data: { changed: ['rateLimit'] } });
    await expect.poll(async () => (await callMe(key.key)).headers.get('ratelimit-policy'), { timeout: 10_000 }).toBeNull();
    expect((await callMe(key.key)).status).toBe(200);
  });
});
