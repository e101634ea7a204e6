import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeDatabase } from '@/db/index';
import { log } from '@/lib/logger';
import { createTestCommunity, migrateOnce } from '@/test/db';
import { whileDatabaseUnreachable } from '@/test/outage';
import { daysAgo, newKey, recordRequests, requestTimes, smallRun, type Community } from './__fixtures__/old-rows';
import { startRetentionJob } from './retention-job';
import { runRetention, type RetentionRun } from './run-retention';

beforeAll(() => migrateOnce());
afterAll(() => closeDatabase());
afterEach(() => vi.restoreAllMocks());

/** A community with ten raw rows past USAGE_RETENTION_DAYS and one within it. */
async function communityWithOldRows(): Promise<Community> {
  const community = await createTestCommunity();
  const key = await newKey(community);
  await recordRequests(community, key.id, [...Array.from({ length: 10 }, (_, i) => daysAgo(200 - i)), daysAgo(1)]);
  return community;
}

describe('retention in one instance at a time', () => {
  it('lets a second run that starts while one is pruning do nothing', async () => {
    const community = await communityWithOldRows();
    let second: RetentionRun | undefined;
    // The second run starts between two statements of the first, while it holds the lock.
    const first = await runRetention(
      smallRun(community, {
        pause: async () => {
          second ??= await runRetention(smallRun(community));
        },
      }),
    );

    expect(second).toEqual({ status: 'busy' });
    expect(first.status === 'ran' && first.tables.find((row) => row.table === 'api_requests')).toMatchObject({ deleted: 10, finished: true });
    expect(await requestTimes(community)).toEqual([daysAgo(1)]);
  });

  it('runs again once the first run is over', async () => {
    const community = await communityWithOldRows();
    await runRetention(smallRun(community));
    await recordRequests(community, (await newKey(community)).id, [daysAgo(100)]);
    expect(await runRetention(smallRun(community))).toMatchObject({ status: 'ran' });
    expect(await requestTimes(community)).toEqual([daysAgo(1)]);
  });
});

describe('startRetentionJob', () => {
  it('logs a run the database outage broke, and prunes on a later run', async () => {
    const community = await communityWithOldRows();
    const warn = vi.spyOn(log, 'warn');
    let stop: () => Promise<void> = async () => {};
    await whileDatabaseUnreachable(async () => {
      stop = startRetentionJob({ ...smallRun(community), firstRunAfterMs: 0, everyMs: 200 });
      await vi.waitFor(() => expect(warn).toHaveBeenCalledWith(expect.anything(), 'retention run failed; retrying on the next run'), { timeout: 10_000 });
    });
    try {
      await vi.waitFor(async () => expect(await requestTimes(community)).toEqual([daysAgo(1)]), { timeout: 10_000 });
    } finally {
      await stop();
    }
  });

  it('stops the run in progress after its current statement on shutdown', async () => {
    const community = await communityWithOldRows();
    let paused = false;
    const stop = startRetentionJob({
      ...smallRun(community),
      firstRunAfterMs: 0,
      // Waits for shutdown between the first statement and the second.
      pause: (_ms, signal) => {
        paused = true;
        return new Promise((resolve) => signal?.addEventListener('abort', () => resolve()));
      },
    });
    await vi.waitFor(() => expect(paused).toBe(true), { timeout: 10_000 });
    await stop();
    expect(await requestTimes(community)).toHaveLength(11 - 3);
  });
});
