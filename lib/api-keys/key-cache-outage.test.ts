import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeDatabase, getDb } from '@/db/index';
import { apiKeys } from '@/db/schema';
import { createTestCommunity } from '@/test/db';
import { createTestKey } from './__fixtures__/test-keys';
import { createApiKeyCache, STALE_WINDOW_MS } from './key-cache';
import type { KeyChangeEvents, KeyChangeListener } from './key-change-listener';

/** Plays the LISTEN connection: up at start, then dropped and brought back by the test. */
function scriptedListener() {
  let events: KeyChangeEvents | undefined;
  let up = false;
  let started = false;
  const create = (given: KeyChangeEvents): KeyChangeListener => {
    events = given;
    return {
      // Like the real one: the first call subscribes; later calls find the subscription, up or down.
      start: async () => {
        if (started) return;
        started = up = true;
        given.resync();
      },
      live: () => up,
      stop: async () => {},
    };
  };
  return {
    create,
    drop() {
      up = false;
      events?.lost();
    },
    comeBack() {
      up = true;
      events?.resync();
    },
  };
}

let community: Awaited<ReturnType<typeof createTestCommunity>>;
/** A change no notification announces, as one committed while the LISTEN connection is down. */
const disableSilently = (id: string) => getDb().update(apiKeys).set({ status: 'disabled' }).where(eq(apiKeys.id, id));

async function cacheWithWarmKey() {
  const listener = scriptedListener();
  const cache = createApiKeyCache(listener.create);
  const key = await createTestKey({ communityId: community.communityId, createdById: community.admin.id });
  await cache.find(key.hash);
  expect(cache.cached(key.hash)?.status).toBe('enabled');
  return { listener, cache, key };
}

beforeAll(async () => {
  community = await createTestCommunity();
});
afterEach(() => vi.useRealTimers());
afterAll(() => closeDatabase());

describe('the key cache while its LISTEN connection is down', () => {
  it('serves what it holds for the stale window only, then asks the database each time', async () => {
    const { listener, cache, key } = await cacheWithWarmKey();
    vi.useFakeTimers({ toFake: ['performance'] });
    listener.drop();
    await disableSilently(key.id);

    vi.advanceTimersByTime(STALE_WINDOW_MS - 1_000);
    expect(cache.cached(key.hash)?.status).toBe('enabled'); // the API keeps working through a short outage

    vi.advanceTimersByTime(2_000);
    expect(cache.cached(key.hash)).toBeUndefined(); // past the window nothing is served from memory
    const { loads } = cache.stats();
    expect((await cache.find(key.hash))?.status).toBe('disabled');
    expect((await cache.find(key.hash))?.status).toBe('disabled');
    expect(cache.stats().loads).toBe(loads + 2); // and nothing read meanwhile is kept
  });

  it('drops everything it held as soon as LISTEN is back, and caches again', async () => {
    const { listener, cache, key } = await cacheWithWarmKey();
    listener.drop();
    await disableSilently(key.id);
    expect(cache.cached(key.hash)?.status).toBe('enabled');

    listener.comeBack();
    expect(cache.cached(key.hash)).toBeUndefined();
    expect((await cache.find(key.hash))?.status).toBe('disabled');
    const { loads } = cache.stats();
    expect(cache.cached(key.hash)?.status).toBe('disabled');
    expect(cache.stats().loads).toBe(loads);
  });
});
