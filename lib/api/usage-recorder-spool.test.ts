import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeDatabase } from '@/db/index';
import * as requests from '@/db/queries/api-requests';
import { log } from '@/lib/logger';
import { createTestCommunity } from '@/test/db';
import { endOfTurn, linesUnder, segmentsUnder, tempSpoolRoot } from './__fixtures__/spool';
import { createUsageKey, usageRecord } from './__fixtures__/usage';
import { normalizeUsageRecord, type UsageRecord } from './usage-record';
import { createUsageRecorder, type UsageRecorder, type UsageRecorderConfig } from './usage-recorder';
import { writeUsageBatch } from './usage-writer';

/** The recorder with its spool: crashes, outages and shutdowns. Buffering and retries alone are usage-recorder.test.ts. */
let community: Awaited<ReturnType<typeof createTestCommunity>>;
let temp: ReturnType<typeof tempSpoolRoot>;
const recorders: UsageRecorder[] = [];

beforeAll(async () => {
  community = await createTestCommunity();
});
beforeEach(() => {
  temp = tempSpoolRoot();
});
afterEach(() => {
  for (const recorder of recorders.splice(0)) recorder.stop();
  vi.restoreAllMocks();
  temp.cleanup();
});
afterAll(() => closeDatabase());

const createKey = () => createUsageKey(community);
const usage = (apiKeyId: string, overrides: Partial<UsageRecord> = {}) => usageRecord(community.communityId, apiKeyId, overrides);
const count = (apiKeyId: string) => requests.countRequestsByKey({ apiKeyId });
const EVENTUALLY = { timeout: 15_000, interval: 20 };
const CRASHING_CHILD = path.join(import.meta.dirname, '__fixtures__', 'spool-crash-child.ts');

function startRecorder(config: Partial<UsageRecorderConfig> = {}, maxBytes = 1 << 30): UsageRecorder {
  const recorder = createUsageRecorder();
  recorder.configure(config);
  recorder.startSpool({ root: temp.root, maxBytes });
  recorders.push(recorder);
  return recorder;
}
const databaseDown = () => vi.spyOn(requests, 'insertUsageBatch').mockRejectedValue(new Error('connect ECONNREFUSED 127.0.0.1:5432'));

describe('usage recorder with its spool', () => {
  it('writes every row a SIGKILLed process had recorded, once, when the next one starts', async () => {
    const keyId = await createKey();
    const rows = Array.from({ length: 40 }, () => normalizeUsageRecord(usage(keyId)));
    // Ten were written before the crash; their segment was not deleted yet.
    await writeUsageBatch(rows.slice(0, 10));
    const child = spawnSync(process.execPath, ['--import', 'tsx', CRASHING_CHILD, temp.root], { input: JSON.stringify(rows), encoding: 'utf8' });
    expect(child.signal).toBe('SIGKILL');
    expect(linesUnder(temp.root)).toHaveLength(40);

    const recorder = startRecorder();
    // No flush: starting is enough.
    await vi.waitFor(async () => expect(await count(keyId)).toBe(40), EVENTUALLY);
    await vi.waitFor(() => expect(segmentsUnder(temp.root)).toEqual([]), EVENTUALLY);
    expect(recorder.stats()).toMatchObject({ written: 40, dropped: 0 });
  });

  it('spills rows beyond the memory buffer during an outage, and writes each exactly once after it', async () => {
    const keyId = await createKey();
    const recorder = startRecorder({ maxBuffered: 20, batchSize: 10, intervalMs: 20 });
    const insert = databaseDown();
    const warn = vi.spyOn(log, 'warn');
    const error = vi.spyOn(log, 'error');

    for (let i = 0; i < 200; i++) recorder.record(usage(keyId, { userAgent: 'secret-agent/9', ip: '192.0.2.99' }));
    expect(recorder.stats()).toMatchObject({ buffered: 20, spilled: 180, dropped: 0 });
    await vi.waitFor(() => expect(insert.mock.calls.length).toBeGreaterThanOrEqual(2), EVENTUALLY);
    expect(linesUnder(temp.root)).toHaveLength(200);

    insert.mockRestore();
    await vi.waitFor(async () => expect(await count(keyId)).toBe(200), EVENTUALLY);
    await vi.waitFor(() => expect(segmentsUnder(temp.root)).toEqual([]), EVENTUALLY);
    // Each row went to the database in one successful batch only.
    expect(recorder.stats()).toMatchObject({ written: 200, buffered: 0, dropped: 0 });
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ maxBytes: 1 << 30 }), expect.stringMatching(/spill to the local spool/));
    expect(JSON.stringify(warn.mock.calls)).not.toMatch(/secret-agent|192\.0\.2\.99/);
    expect(error).not.toHaveBeenCalled();
  });

  it('drops what would take the spool past its size bound, counts it and logs it once', async () => {
    const keyId = await createKey();
    const recorder = startRecorder({ maxBuffered: 2, intervalMs: 60_000 }, 3_000);
    const error = vi.spyOn(log, 'error');

    for (let i = 0; i < 20; i++) recorder.record(usage(keyId));
    const { buffered, spilled, dropped } = recorder.stats();
    expect(buffered).toBe(2);
    expect(spilled).toBeGreaterThan(0);
    expect(dropped).toBe(20 - 2 - spilled);
    await endOfTurn();
    const onDisk = segmentsUnder(temp.root).reduce((sum, name) => sum + fs.statSync(path.join(temp.root, name)).size, 0);
    expect(onDisk).toBeLessThanOrEqual(3_000);
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0][1])).toMatch(/spool takes no more rows/);

    await recorder.flush();
    expect(await count(keyId)).toBe(2 + spilled);
  });

  it('keeps on disk what the database did not take at shutdown, and the next start writes it', async () => {
    const keyId = await createKey();
    const first = startRecorder({ intervalMs: 60_000 });
    const insert = databaseDown();
    for (let i = 0; i < 25; i++) first.record(usage(keyId));
    await first.flush();
    first.stop();
    expect(linesUnder(temp.root)).toHaveLength(25);

    insert.mockRestore();
    startRecorder();
    await vi.waitFor(async () => expect(await count(keyId)).toBe(25), EVENTUALLY);
    await vi.waitFor(() => expect(segmentsUnder(temp.root)).toEqual([]), EVENTUALLY);
  });

  it('leaves nothing on disk after a flush and stop with the database up, rows recorded before the spool started included', async () => {
    const keyId = await createKey();
    const recorder = createUsageRecorder();
    recorders.push(recorder);
    for (let i = 0; i < 5; i++) recorder.record(usage(keyId));
    recorder.startSpool({ root: temp.root, maxBytes: 1 << 30 });
    for (let i = 0; i < 45; i++) recorder.record(usage(keyId));

    await recorder.flush();
    expect(await count(keyId)).toBe(50);
    expect(segmentsUnder(temp.root)).toEqual([]);
    recorder.stop();
    expect(fs.readdirSync(temp.root)).toEqual([]);
  });
});
