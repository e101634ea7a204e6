import fs from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { log } from '@/lib/logger';
import { deadPid, endOfTurn, linesUnder, segmentsUnder, spoolRows, tempSpoolRoot } from './__fixtures__/spool';
import { openUsageSpool, SEGMENT_BYTES, type UsageSpool } from './usage-spool';
import { HEARTBEAT_MS } from './usage-spool-dir';

/** The spool on its own, no database: what is on disk when. The recorder on top of it is usage-recorder-spool.test.ts. */
let temp: ReturnType<typeof tempSpoolRoot>;
const opened: UsageSpool[] = [];
const open = (options: Partial<Parameters<typeof openUsageSpool>[0]> = {}) => {
  const spool = openUsageSpool({ root: temp.root, maxBytes: 1 << 30, onBacklog: () => {}, ...options });
  opened.push(spool);
  return spool;
};
const ids = (rows: { requestId: string }[]) => rows.map((row) => row.requestId);
const idsOnDisk = () => linesUnder(temp.root).map((line) => (JSON.parse(line) as { requestId: string }).requestId);

beforeEach(() => {
  temp = tempSpoolRoot();
});
afterEach(() => {
  vi.useRealTimers();
  for (const spool of opened.splice(0)) spool.close();
  vi.restoreAllMocks();
  temp.cleanup();
});

describe('usage spool', () => {
  it('has the rows of an event-loop turn on disk when the turn ends (what a SIGKILL can lose)', async () => {
    const spool = open();
    const rows = spoolRows(3);
    for (const row of rows) spool.keep(row);
    expect(idsOnDisk()).toEqual([]);
    await endOfTurn();
    expect(idsOnDisk()).toEqual(ids(rows));
  });

  it('lets a request wait until its row is on disk, so it answers only then (nothing answered is lost)', async () => {
    const spool = open();
    expect(spool.whenOnDisk()).toBeNull(); // nothing queued: nothing to wait for
    const rows = spoolRows(2);
    spool.keep(rows[0]);
    const first = spool.whenOnDisk();
    spool.keep(rows[1]);
    expect(spool.whenOnDisk()).toBe(first); // one write, and one wait, for the whole turn
    expect(idsOnDisk()).toEqual([]);
    await first;
    expect(idsOnDisk()).toEqual(ids(rows));
    expect(spool.whenOnDisk()).toBeNull();
  });

  it('keeps the rows (client addresses among them) readable by this user only', async () => {
    open().keep(spoolRows(1)[0]);
    await endOfTurn();
    const [segment] = segmentsUnder(temp.root);
    for (const file of [path.join(temp.root, segment), path.dirname(path.join(temp.root, segment))]) {
      expect(fs.statSync(file).mode & 0o077).toBe(0);
    }
  });

  it('writes the rows of one synchronous run in order, and deletes a segment once all its rows are written', async () => {
    const spool = open();
    const rows = spoolRows(5);
    for (const row of rows) spool.keep(row);
    await endOfTurn();
    expect(idsOnDisk()).toEqual(ids(rows));

    spool.done(4);
    expect(segmentsUnder(temp.root)).toHaveLength(1);
    spool.done(1);
    expect(segmentsUnder(temp.root)).toEqual([]);
    expect(spool.stats().bytes).toBe(0);
  });

  it('starts a new segment past SEGMENT_BYTES and deletes the full ones as their rows are written', async () => {
    const spool = open();
    const rows = spoolRows(Math.ceil((SEGMENT_BYTES * 2.5) / 300));
    for (const row of rows) spool.keep(row);
    await endOfTurn();
    expect(segmentsUnder(temp.root).length).toBeGreaterThanOrEqual(3);
    expect(idsOnDisk()).toEqual(ids(rows));

    const firstSegment = fs.readFileSync(path.join(temp.root, segmentsUnder(temp.root)[0]), 'utf8').split('\n').filter(Boolean).length;
    spool.done(firstSegment);
    expect(idsOnDisk()).toEqual(ids(rows.slice(firstSegment)));
    spool.done(rows.length - firstSegment);
    expect(segmentsUnder(temp.root)).toEqual([]);
  });

  it('keeps rows not yet written at close, and the next spool takes them back once', async () => {
    const first = open();
    const rows = spoolRows(3);
    for (const row of rows) first.keep(row);
    first.done(1);
    first.close();
    // Closing cannot tell written rows from unwritten ones inside a segment: all three stay.
    expect(idsOnDisk()).toEqual(ids(rows));

    const onBacklog = vi.fn();
    const second = open({ onBacklog });
    expect(onBacklog).toHaveBeenCalledTimes(1);
    expect(ids(second.takeBacklog() ?? [])).toEqual(ids(rows));
    expect(second.takeBacklog()).toBeNull();
    second.done(3);
    expect(segmentsUnder(temp.root)).toEqual([]);
  });

  it('spills rows beyond memory to disk only, gives them back in order, then ends the spill', async () => {
    const spool = open();
    const kept = spoolRows(2);
    const spilled = spoolRows(4);
    const warn = vi.spyOn(log, 'warn');
    for (const row of kept) spool.keep(row);
    for (const row of spilled) expect(spool.spill(row)).toBe(true);
    expect(spool.spilling()).toBe(true);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(warn.mock.calls)).not.toContain(spilled[0].requestId);

    const back = spool.takeBacklog();
    expect(ids(back ?? [])).toEqual(ids(spilled));
    expect(spool.spilling()).toBe(false);
    expect(spool.takeBacklog()).toBeNull();
    // Memory writes the kept rows first, then the ones read back.
    spool.done(2);
    expect(idsOnDisk()).toEqual(ids(spilled));
    spool.done(4);
    expect(segmentsUnder(temp.root)).toEqual([]);
  });

  it('never grows past maxBytes: a spill that would is refused', async () => {
    const rows = spoolRows(20);
    const lineBytes = Buffer.byteLength(JSON.stringify(rows[0])) + 1;
    const spool = open({ maxBytes: lineBytes * 5 + 10 });
    const accepted = rows.filter((row) => spool.spill(row));
    await endOfTurn();
    expect(accepted).toHaveLength(5);
    const onDisk = segmentsUnder(temp.root).reduce((sum, name) => sum + fs.statSync(path.join(temp.root, name)).size, 0);
    expect(onDisk).toBeLessThanOrEqual(lineBytes * 5 + 10);
    expect(idsOnDisk()).toEqual(ids(accepted));
  });

  it('adopts the segments of a dead process, not those of a live one', async () => {
    const live = open({ owner: { pid: process.ppid, host: 'this-host' } });
    const dead = open({ owner: { pid: deadPid(), host: 'this-host' } });
    const liveRows = spoolRows(2);
    const deadRows = spoolRows(3);
    for (const row of liveRows) live.keep(row);
    for (const row of deadRows) dead.keep(row);
    await endOfTurn();

    // A third process on the host of the dead one.
    const third = open({ owner: { pid: process.pid, host: 'this-host' } });
    expect(ids(third.takeBacklog() ?? [])).toEqual(ids(deadRows));
    expect(third.takeBacklog()).toBeNull();
    // The live owner still has its own rows and deletes them itself.
    live.done(2);
    expect(idsOnDisk()).toEqual(ids(deadRows));
  });

  it('adopts, at its next heartbeat, the rows of a process that died beside it; one taken over by mistake goes on in a new directory', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const onBacklog = vi.fn();
    const running = open({ onBacklog });
    const dead = open({ owner: { pid: deadPid(), host: hostname() } });
    const rows = spoolRows(3);
    for (const row of rows) dead.keep(row);
    await endOfTurn();
    expect(onBacklog).not.toHaveBeenCalled();

    vi.advanceTimersByTime(HEARTBEAT_MS);
    expect(onBacklog).toHaveBeenCalledTimes(1);
    expect(ids(running.takeBacklog() ?? [])).toEqual(ids(rows));

    // Had "dead" only been frozen, it finds its directory gone at its own heartbeat and writes on elsewhere.
    const later = spoolRows(1);
    dead.keep(later[0]);
    await endOfTurn();
    vi.advanceTimersByTime(HEARTBEAT_MS);
    expect(ids(running.takeBacklog() ?? [])).toEqual(ids(later));
  });

  it('skips lines cut short by a crash and reads the rest', async () => {
    const first = open();
    const rows = spoolRows(3);
    for (const row of rows) first.keep(row);
    first.close();
    const [segment] = segmentsUnder(temp.root);
    fs.appendFileSync(path.join(temp.root, segment), '{"requestId":"cut-sh');

    const second = open();
    expect(ids(second.takeBacklog() ?? [])).toEqual(ids(rows));
    expect(second.stats().unreadable).toBe(1);
  });
});
