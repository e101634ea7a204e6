import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { closeDatabase, getDb } from '@/db/index';
import * as requests from '@/db/queries/api-requests';
import { apiKeys, apiRequests } from '@/db/schema';
import { log } from '@/lib/logger';
import { createTestCommunity } from '@/test/db';
import { createUsageKey, usageRecord } from './__fixtures__/usage';
import {
  configureUsageRecorder,
  flushUsage,
  recordUsage,
  usageRecorderStats,
  type UsageRecord,
  type UsageRecorderConfig,
} from './usage-recorder';
import * as writer from './usage-writer';

let community: Awaited<ReturnType<typeof createTestCommunity>>;
let defaults: UsageRecorderConfig;

beforeAll(async () => {
  community = await createTestCommunity();
  defaults = configureUsageRecorder({});
});
afterEach(async () => {
  vi.restoreAllMocks();
  configureUsageRecorder(defaults);
  await flushUsage();
});
afterAll(async () => {
  await flushUsage();
  await closeDatabase();
});

const createKey = () => createUsageKey(community);
const usage = (apiKeyId: string | null, overrides: Partial<UsageRecord> = {}) => usageRecord(community.communityId, apiKeyId, overrides);
const count = (apiKeyId: string) => requests.countRequestsByKey({ apiKeyId });

async function keyRow(id: string) {
  const [row] = await getDb().select().from(apiKeys).where(eq(apiKeys.id, id));
  return row;
}

/** For background writes: waits for the outcome with room to spare, never asserting on speed. */
const EVENTUALLY = { timeout: 10_000, interval: 20 };

describe('usage recorder', () => {
  it('writes 2 000 records and sets the key’s last use from the newest one', async () => {
    const keyId = await createKey();
    const before = usageRecorderStats();
    const base = Date.now() - 60_000;
    for (let i = 0; i < 2_000; i++) {
      // The newest request is not the last one recorded: "latest" goes by time, not arrival.
      const at = new Date(i === 1_234 ? base + 50_000 : base + i);
      recordUsage(usage(keyId, { at, ip: `198.51.100.${i % 250}`, status: i % 7 === 0 ? 403 : 200 }));
    }
    await flushUsage();

    expect(await count(keyId)).toBe(2_000);
    const key = await keyRow(keyId);
    expect(key.lastUsedAt?.getTime()).toBe(base + 50_000);
    expect(key.lastUsedIp).toBe(`198.51.100.${1_234 % 250}`);
    const after = usageRecorderStats();
    expect(after.written - before.written).toBe(2_000);
    expect(after.buffered).toBe(0);
  });

  it('returns at once: recording only appends to the buffer', async () => {
    const keyId = await createKey();
    configureUsageRecorder({ intervalMs: 60_000 });
    const insert = vi.spyOn(requests, 'insertUsageBatch');
    const before = usageRecorderStats().buffered;

    const result: unknown = recordUsage(usage(keyId));
    recordUsage(usage(keyId));

    expect(result).toBeUndefined();
    expect(usageRecorderStats().buffered).toBe(before + 2);
    expect(insert).not.toHaveBeenCalled();
    expect(await count(keyId)).toBe(0);
    await flushUsage();
    expect(await count(keyId)).toBe(2);
  });

  it('writes a backlog of batches in fewer, larger transactions', async () => {
    const keyId = await createKey();
    configureUsageRecorder({ batchSize: 10, intervalMs: 60_000 });
    const original = requests.insertUsageBatch;
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const insert = vi.spyOn(requests, 'insertUsageBatch').mockImplementationOnce(async (...args) => {
      await held;
      return original(...args);
    });
    // The first full batch starts a write, held open here; 19 more batches fill up behind it.
    for (let i = 0; i < 10; i++) recordUsage(usage(keyId));
    await vi.waitFor(() => expect(insert).toHaveBeenCalledTimes(1), EVENTUALLY);
    for (let i = 0; i < 190; i++) recordUsage(usage(keyId));
    release();
    await flushUsage();
    expect(await count(keyId)).toBe(200);
    // The backlog went in as one transaction, not 19.
    expect(insert.mock.calls.map(([, rows]) => rows.length)).toEqual([10, 190]);
  });

  it('writes a partial batch on its own once its oldest row has waited the interval', async () => {
    const keyId = await createKey();
    // The recorder's clock is performance.now() and its timer setTimeout: both moved by hand here.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      configureUsageRecorder({ intervalMs: 1_000 });
      // The writer is called synchronously when the timer fires (its transaction starts after).
      const insert = vi.spyOn(writer, 'writeUsageBatch');
      recordUsage(usage(keyId));
      recordUsage(usage(keyId));
      recordUsage(usage(keyId));
      await vi.advanceTimersByTimeAsync(999);
      expect(insert).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1);
      expect(insert).toHaveBeenCalledTimes(1);
      expect(insert.mock.calls[0][0]).toHaveLength(3);
    } finally {
      vi.useRealTimers();
    }
    await vi.waitFor(async () => expect(await count(keyId)).toBe(3), EVENTUALLY);
  });

  it('keeps and retries rows when writes fail, losing and duplicating none', async () => {
    const keyId = await createKey();
    configureUsageRecorder({ intervalMs: 20, batchSize: 100 });
    const failure = new Error('connect ECONNREFUSED 127.0.0.1:5432');
    vi.spyOn(requests, 'insertUsageBatch').mockRejectedValueOnce(failure).mockRejectedValueOnce(failure);
    const warn = vi.spyOn(log, 'warn');
    const before = usageRecorderStats();

    for (let i = 0; i < 300; i++) recordUsage(usage(keyId, { userAgent: 'secret-agent/9', ip: '192.0.2.99' }));
    // No flushUsage: the background writer alone must get every row in.
    await vi.waitFor(async () => expect(await count(keyId)).toBe(300), EVENTUALLY);

    const after = usageRecorderStats();
    expect(after.failedFlushes - before.failedFlushes).toBe(2);
    expect(after.dropped).toBe(before.dropped);
    expect(warn).toHaveBeenCalledTimes(2);
    const logged = JSON.stringify(warn.mock.calls);
    expect(logged).toContain('ECONNREFUSED');
    expect(logged).not.toContain('secret-agent');
    expect(logged).not.toContain('192.0.2.99');
  });

  it('retries a batch whose commit was not acknowledged without duplicating it', async () => {
    const keyId = await createKey();
    const original = requests.insertUsageBatch;
    vi.spyOn(requests, 'insertUsageBatch').mockImplementationOnce(async (tx, rows) => {
      await original(tx, rows);
      throw new Error('connection closed before the commit was acknowledged');
    });
    for (let i = 0; i < 50; i++) recordUsage(usage(keyId));
    await flushUsage();
    expect(await count(keyId)).toBe(50);
  });

  it('never moves a key’s last use backwards', async () => {
    const keyId = await createKey();
    const later = new Date(Date.now() + 3_600_000);
    await getDb().update(apiKeys).set({ lastUsedAt: later, lastUsedIp: '192.0.2.1' }).where(eq(apiKeys.id, keyId));
    recordUsage(usage(keyId, { ip: '192.0.2.2' }));
    await flushUsage();
    const key = await keyRow(keyId);
    expect(key.lastUsedAt?.getTime()).toBe(later.getTime());
    expect(key.lastUsedIp).toBe('192.0.2.1');
  });

  it('bounds the buffer: counts the overflow and logs it once', async () => {
    const keyId = await createKey();
    configureUsageRecorder({ maxBuffered: 5, batchSize: 1_000, intervalMs: 60_000 });
    const error = vi.spyOn(log, 'error');
    const before = usageRecorderStats();

    for (let i = 0; i < 8; i++) recordUsage(usage(keyId));

    const after = usageRecorderStats();
    expect(after.buffered).toBe(5);
    expect(after.dropped - before.dropped).toBe(3);
    expect(error).toHaveBeenCalledTimes(1);
    expect(error.mock.calls[0][0]).toMatchObject({ dropped: 1, maxBuffered: 5 });
    expect(String(error.mock.calls[0][1])).toMatch(/buffer is full/);
    await flushUsage();
    expect(await count(keyId)).toBe(5);
  });

  it('stores the path without its query string, and clips long headers', async () => {
    const keyId = await createKey();
    recordUsage(
      usage(keyId, {
        path: '/api/v1/projects?apiKey=ic_secret&page=2#top',
        userAgent: 'u'.repeat(5_000),
        integrationName: 'n'.repeat(1_000),
      }),
    );
    await flushUsage();
    const [row] = await getDb().select().from(apiRequests).where(eq(apiRequests.apiKeyId, keyId));
    expect(row.path).toBe('/api/v1/projects');
    expect(row.userAgent).toHaveLength(512);
    expect(row.integrationName).toHaveLength(200);
  });

  it('drops only the row the database rejects, and keeps going', async () => {
    const keyId = await createKey();
    const before = usageRecorderStats();
    for (let i = 0; i < 99; i++) recordUsage(usage(keyId));
    // A key id that does not exist breaks the foreign key: retrying it as is would wedge the buffer.
    recordUsage(usage(randomUUID()));
    await flushUsage();
    expect(await count(keyId)).toBe(99);
    const after = usageRecorderStats();
    expect(after.dropped - before.dropped).toBe(1);
    expect(after.buffered).toBe(0);
  });

  it('gives up a flush after a few attempts but keeps the rows for later', async () => {
    const keyId = await createKey();
    configureUsageRecorder({ intervalMs: 60_000 });
    const insert = vi.spyOn(requests, 'insertUsageBatch').mockRejectedValue(new Error('database is down'));
    const error = vi.spyOn(log, 'error');
    for (let i = 0; i < 10; i++) recordUsage(usage(keyId));

    await flushUsage();
    expect(error).toHaveBeenCalledWith(expect.objectContaining({ rows: 10 }), expect.stringMatching(/gave up/));
    expect(usageRecorderStats().buffered).toBe(10);

    insert.mockRestore();
    await flushUsage();
    expect(await count(keyId)).toBe(10);
  });
});
