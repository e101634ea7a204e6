import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { closeDatabase, getDb } from '@/db/index';
import { findApiKeyRowByHash } from '@/db/queries/api-key-lookup';
import { apiKeys } from '@/db/schema';
import { createTestCommunity } from '@/test/db';
import { createTestKey, setTestKeyStatus } from './__fixtures__/test-keys';
import { hashApiKey } from './hash';
import { startApiKeyInvalidation, stopApiKeyInvalidation } from './key-invalidation';
import { apiKeyCacheStats, clearApiKeyCache, evictApiKey, findApiKeyByHash } from './key-lookup';

// The real query, wrapped so tests can count round trips and make one fail.
vi.mock('@/db/queries/api-key-lookup', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/db/queries/api-key-lookup')>();
  return { ...actual, findApiKeyRowByHash: vi.fn(actual.findApiKeyRowByHash) };
});
const query = vi.mocked(findApiKeyRowByHash);
const realQuery = (await vi.importActual<typeof import('@/db/queries/api-key-lookup')>('@/db/queries/api-key-lookup')).findApiKeyRowByHash;

let community: Awaited<ReturnType<typeof createTestCommunity>>;
const newKey = (ipLimits: string[] = []) =>
  createTestKey({ communityId: community.communityId, createdById: community.admin.id, ipLimits });
const unknownHash = () => hashApiKey(`test_${randomUUID()}`);

beforeAll(async () => {
  community = await createTestCommunity();
  await startApiKeyInvalidation();
});

afterAll(async () => {
  await stopApiKeyInvalidation();
  await closeDatabase();
});

beforeEach(() => {
  clearApiKeyCache();
  query.mockClear();
});

describe('findApiKeyByHash', () => {
  it('returns the key with its IP limits compiled, and answers the next lookup from memory', async () => {
    const key = await newKey(['10.0.0.0/8']);
    const before = apiKeyCacheStats();

    const first = await findApiKeyByHash(key.hash);
    expect(first).toMatchObject({
      id: key.id,
      communityId: community.communityId,
      name: key.name,
      prefix: 'test',
      hint: key.hint,
      status: 'enabled',
      expiresAt: null,
      ipLimits: ['10.0.0.0/8'],
      notifyOnUse: false,
    });
    expect(first?.createdAt).toBeInstanceOf(Date);
    expect(first?.ipAllowed('10.1.2.3')).toBe(true);
    expect(first?.ipAllowed('11.0.0.1')).toBe(false);
    expect(first?.ipAllowed(null)).toBe(false);

    const second = await findApiKeyByHash(key.hash);
    expect(second).toBe(first);
    expect(query).toHaveBeenCalledTimes(1);
    const after = apiKeyCacheStats();
    expect(after.hits - before.hits).toBe(1);
    expect(after.misses - before.misses).toBe(1);
    expect(after.loads - before.loads).toBe(1);
    expect(after.size).toBe(1);
  });

  it('answers null for an unknown hash and remembers that too', async () => {
    const hash = unknownHash();
    expect(await findApiKeyByHash(hash)).toBeNull();
    expect(await findApiKeyByHash(hash)).toBeNull();
    expect(query).toHaveBeenCalledTimes(1);
    expect(apiKeyCacheStats().size).toBe(1);
  });

  it('returns deleted keys with status "deleted", so the guard can refuse them', async () => {
    const key = await newKey();
    await setTestKeyStatus(key, 'deleted', community.admin);
    expect(await findApiKeyByHash(key.hash)).toMatchObject({ id: key.id, status: 'deleted' });
  });

  it('sends concurrent misses for one hash to the database once', async () => {
    const key = await newKey();
    const results = await Promise.all(Array.from({ length: 20 }, () => findApiKeyByHash(key.hash)));
    expect(query).toHaveBeenCalledTimes(1);
    expect(new Set(results).size).toBe(1);
    expect(results[0]?.id).toBe(key.id);

    const hash = unknownHash();
    expect(await Promise.all([findApiKeyByHash(hash), findApiKeyByHash(hash)])).toEqual([null, null]);
    expect(query).toHaveBeenCalledTimes(2);
  });

  it('lets a database error through to every waiting caller, and does not cache it', async () => {
    const key = await newKey();
    query.mockRejectedValueOnce(new Error('connection refused'));
    const waiting = [findApiKeyByHash(key.hash), findApiKeyByHash(key.hash)];
    for (const lookup of waiting) await expect(lookup).rejects.toThrow('connection refused');
    expect(apiKeyCacheStats().size).toBe(0);

    expect(await findApiKeyByHash(key.hash)).toMatchObject({ id: key.id, status: 'enabled' });
    expect(query).toHaveBeenCalledTimes(2);
  });

  it('does not keep a row read before an invalidation that arrived while it was loading', async () => {
    const key = await newKey();
    let oldRowRead!: () => void;
    const read = new Promise<void>((resolve) => (oldRowRead = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    query.mockImplementationOnce(async (args) => {
      const row = await realQuery(args); // the old row…
      oldRowRead();
      await gate; // …still on its way back when the change is announced
      return row;
    });
    const stale = findApiKeyByHash(key.hash);
    await read;
    await getDb().update(apiKeys).set({ status: 'disabled' }).where(eq(apiKeys.id, key.id));
    evictApiKey(key.hash);

    // A lookup after the eviction must not join the query already under way.
    expect(await findApiKeyByHash(key.hash)).toMatchObject({ status: 'disabled' });
    release();
    expect(await stale).toMatchObject({ status: 'enabled' });
    // …and the late, older answer must not overwrite the newer one in the cache.
    expect(await findApiKeyByHash(key.hash)).toMatchObject({ status: 'disabled' });
    expect(query).toHaveBeenCalledTimes(2);
  });

  it('keeps at most 10 000 entries', async () => {
    query.mockResolvedValue(null); // the bound is about memory, not the database
    try {
      for (let i = 0; i < 10_050; i++) await findApiKeyByHash(`unknown-${i}`);
      expect(apiKeyCacheStats().size).toBe(10_000);
    } finally {
      query.mockImplementation(realQuery);
    }
  });

  it('never lets made-up keys push a real key out', async () => {
    const key = await newKey();
    await findApiKeyByHash(key.hash);
    query.mockClear();
    query.mockResolvedValue(null);
    try {
      for (let i = 0; i < 10_050; i++) await findApiKeyByHash(`made-up-${i}`);
    } finally {
      query.mockImplementation(realQuery);
    }
    query.mockClear();
    expect(await findApiKeyByHash(key.hash)).toMatchObject({ id: key.id });
    expect(query).not.toHaveBeenCalled();
  });
});

// TTLs are the safety net for a notification that never arrived.
describe('expiry', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['performance'] });
    // The fake clock starts at 0, and lru-cache reads a start time of 0 as "no TTL".
    vi.advanceTimersByTime(1);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('forgets an unknown hash after 30 seconds', async () => {
    const hash = unknownHash();
    await findApiKeyByHash(hash);
    vi.advanceTimersByTime(29_000);
    await findApiKeyByHash(hash);
    expect(query).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(2_000);
    await findApiKeyByHash(hash);
    expect(query).toHaveBeenCalledTimes(2);
  });

  it('reloads a known key after 5 minutes', async () => {
    const key = await newKey();
    await findApiKeyByHash(key.hash);
    vi.advanceTimersByTime(4 * 60_000);
    await findApiKeyByHash(key.hash);
    expect(query).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(61_000);
    expect(await findApiKeyByHash(key.hash)).toMatchObject({ id: key.id });
    expect(query).toHaveBeenCalledTimes(2);
  });
});
