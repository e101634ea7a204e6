import fs from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import type { UsageRow } from '@/db/queries/api-requests';
import { log } from '@/lib/logger';
import { sanitizeError } from '@/lib/safe-error';
import { createTurnLines } from './usage-spool-turn';
import { adoptOrphans, createOwnDir, HEARTBEAT_MS, readSegment, releaseOwnDir, segmentName, touchOwner, type SpoolOwner } from './usage-spool-dir';

/**
 * The usage recorder's copy on disk, so neither a crash nor a long outage loses rows.
 *
 * Every row the recorder keeps in memory is also appended here: the rows of one event-loop turn
 * go in one write(2) at its end (setImmediate), and the guard holds each answer until that write
 * (whenOnDisk), so a SIGKILL loses no row of an answered request. (One
 * write per request, before its answer, would lose none, but cost three times the CPU in
 * `npm run bench -- --profile`: BENCHMARKS.md.) No fsync: a power loss also loses what the kernel
 * had not written back yet. A segment is deleted once all its rows are written to the database.
 *
 * When the memory buffer is full, rows are only appended ("spilled"), up to `maxBytes` in all;
 * the recorder reads them back (takeBacklog) when memory has room, together with the segments of
 * processes that died (usage-spool-dir.ts). Rows leave memory in the order they entered it, so
 * `runs` — which segment each stretch of the memory buffer came from — says when a segment is done.
 */
export type UsageSpool = ReturnType<typeof openUsageSpool>;

export type UsageSpoolOptions = {
  root: string;
  /** Spilled rows stop here: the spool (segments of this process and adopted ones) never grows past it. */
  maxBytes: number;
  /** Called when segments of a dead process were adopted: there is something to read back. */
  onBacklog: () => void;
  /** Tests pose as another process. */
  owner?: SpoolOwner;
};

/** A segment closes at this size; also the most one takeBacklog brings into memory at once. */
export const SEGMENT_BYTES = 1 << 20;
/** After a failed open or write, the spool rests this long before trying a new segment. */
const REST_MS = 10_000;

type Segment = {
  path: string;
  fd: number | null;
  bytes: number;
  /** Its rows in the memory buffer, not yet written to the database. */
  inMemory: number;
  /** Every row of it is or was in memory (false: spilled or adopted rows not read back yet). */
  queued: boolean;
};

export function openUsageSpool({ root, maxBytes, onBacklog, owner }: UsageSpoolOptions) {
  const me = owner ?? { pid: process.pid, host: hostname() };
  let dir = createOwnDir(root, me);
  let names = 0;
  const nextName = () => segmentName(++names);
  let active: Segment | null = null;
  /** The active segment takes spilled rows (not in memory); false: rows kept in memory too. */
  let activeSpills = false;
  let spilling = false;
  /** Closed segments whose rows are not in memory yet, oldest first. */
  const backlog: Segment[] = [];
  /** The memory buffer front to back: how many rows in a row came from which segment (null: none). */
  const runs: { segment: Segment | null; rows: number }[] = [];
  /** On disk, in this process's directory. */
  let bytes = 0;
  let restUntil = 0;
  let closed = false;
  const counts = { spillLost: 0, unreadable: 0 };
  let spilledThisTime = 0;

  function open(spills: boolean): Segment | null {
    if (closed || Date.now() < restUntil) return null;
    const file = path.join(dir, nextName());
    try {
      active = { path: file, fd: fs.openSync(file, 'a', 0o600), bytes: 0, inMemory: 0, queued: !spills };
      activeSpills = spills;
      return active;
    } catch (error) {
      return fail(error);
    }
  }

  /** Where a new line of this kind goes: the active segment while it is of that kind and has room, else a new one. */
  function segmentFor(spills: boolean, size: number): Segment | null {
    if (active && activeSpills === spills && active.bytes + turn.bytes() + size <= SEGMENT_BYTES) return active;
    closeActive();
    return open(spills);
  }

  /** The turn's lines all belong to the active segment: one append for them. */
  const turn = createTurnLines((data, lines) => {
    const segment = active;
    if (segment?.fd == null) return; // nowhere to write them: they are in memory only
    let written = 0;
    try {
      while (written < data.length) written += fs.writeSync(segment.fd, data, written);
    } catch (error) {
      // Kept rows are still in memory; spilled ones were only here.
      if (activeSpills) counts.spillLost += lines;
      fail(error);
    } finally {
      segment.bytes += written;
      bytes += written;
    }
  });

  function fail(error: unknown): null {
    log.error({ err: sanitizeError(error), dir, retryInMs: REST_MS }, 'usage spool could not be written: rows are kept in memory only until it works again');
    restUntil = Date.now() + REST_MS;
    turn.clear();
    const segment = active;
    active = null;
    if (segment) retire(segment, activeSpills);
    return null;
  }

  function closeActive(): void {
    turn.write();
    const segment = active;
    if (!segment) return;
    active = null;
    retire(segment, activeSpills);
  }

  function retire(segment: Segment, spills: boolean): void {
    try {
      if (segment.fd !== null) fs.closeSync(segment.fd);
    } catch {
      // Closing cannot lose what write(2) already handed to the kernel.
    }
    segment.fd = null;
    if (spills) backlog.push(segment);
    else deleteIfDone(segment);
  }

  /** A segment all of whose rows are written goes, the active one included (a new one opens with the next row). */
  function deleteIfDone(segment: Segment): void {
    if (!segment.queued || segment.inMemory > 0) return;
    if (segment === active) {
      // Its rows reached the database before the end of the turn that recorded them: nothing left to write.
      turn.clear();
      active = null;
      retire(segment, false);
      return;
    }
    try {
      fs.unlinkSync(segment.path);
    } catch {
      // Already gone (its directory was taken over): nothing to free.
    }
    bytes = Math.max(0, bytes - segment.bytes);
  }

  function track(segment: Segment | null, rows: number): void {
    const last = runs[runs.length - 1];
    if (last && last.segment === segment) last.rows += rows;
    else runs.push({ segment, rows });
    if (segment) segment.inMemory += rows;
  }

  function adopt(): void {
    try {
      const files = adoptOrphans(root, dir, me, nextName);
      for (const file of files) {
        const size = fs.statSync(file).size;
        bytes += size;
        backlog.push({ path: file, fd: null, bytes: size, inMemory: 0, queued: false });
      }
      if (files.length === 0) return;
      log.info({ segments: files.length, bytes }, 'usage spool: rows left by a stopped process were found; writing them');
      onBacklog();
    } catch (error) {
      log.error({ err: sanitizeError(error), root }, 'usage spool: looking for rows left by stopped processes failed');
    }
  }

  function heartbeat(): void {
    if (!touchOwner(dir)) {
      // Taken over (this process looked dead): what was here is the adopter's now, and written by it.
      log.warn({ dir }, 'usage spool directory was taken over by another process; starting a new one');
      const segment = active;
      active = null;
      backlog.length = 0;
      bytes = 0;
      try {
        if (segment?.fd != null) fs.closeSync(segment.fd);
        dir = createOwnDir(root, me);
      } catch (error) {
        fail(error); // opening a segment in the missing directory keeps failing, and saying so, until this works
      }
    }
    adopt();
  }

  adopt();
  const timer = setInterval(heartbeat, HEARTBEAT_MS);
  timer.unref();

  return {
    /**
     * Resolves once every line queued so far is on disk (the turn's one write), so the guard can
     * hold its answer until then: a SIGKILL then loses no row of an answered request.
     */
    whenOnDisk: turn.whenOnDisk,
    /** While true, new rows go to the spool only (after the rows spilled before them). */
    spilling: () => spilling,
    hasBacklog: () => spilling || backlog.length > 0,

    /** A row the recorder also keeps in memory. */
    keep(row: UsageRow): void {
      const line = JSON.stringify(row);
      const segment = segmentFor(false, line.length + 1);
      track(segment, 1);
      if (segment) turn.queue(line, line.length + 1);
    },

    /** A row memory has no room for: on disk only. False when it would take the spool past maxBytes (or it cannot be written). */
    spill(row: UsageRow): boolean {
      const line = JSON.stringify(row);
      const size = Buffer.byteLength(line) + 1;
      if (bytes + turn.bytes() + size > maxBytes) return false;
      const segment = segmentFor(true, size);
      if (!segment) return false;
      if (!spilling) log.warn({ spoolBytes: bytes, maxBytes, dir }, 'usage buffer is full: rows spill to the local spool until the database catches up');
      spilling = true;
      spilledThisTime++;
      turn.queue(line, size);
      return true;
    },

    /** Rows already in memory when the spool opened: they have no line here. */
    untracked(rows: number): void {
      if (rows > 0) track(null, rows);
    },

    /** The next spooled rows not in memory (spilled, or adopted), to be appended to the memory buffer now; null when there are none. */
    takeBacklog(): UsageRow[] | null {
      let segment = backlog.shift();
      if (!segment && spilling) {
        // Nothing older is left: the segment still taking spilled rows is read back, and new rows go to memory again.
        if (activeSpills) closeActive();
        segment = backlog.shift();
        spilling = false;
        log.info({ spilled: spilledThisTime }, 'usage spill is over: every spilled row is back in memory');
        spilledThisTime = 0;
      }
      if (!segment) return null;
      let read: ReturnType<typeof readSegment> = { rows: [], unreadable: 0 };
      try {
        read = readSegment(segment.path);
      } catch (error) {
        log.error({ err: sanitizeError(error), segment: segment.path }, 'usage spool segment could not be read; skipped');
      }
      if (read.unreadable > 0) {
        counts.unreadable += read.unreadable;
        log.warn({ segment: segment.path, lines: read.unreadable }, 'usage spool segment has unreadable lines (cut short by a crash?); skipped them');
      }
      segment.queued = true;
      track(segment, read.rows.length);
      deleteIfDone(segment);
      return read.rows;
    },

    /** The `rows` at the front of the memory buffer are written (or rejected for good). */
    done(rows: number): void {
      while (rows > 0 && runs.length > 0) {
        const run = runs[0];
        const n = Math.min(rows, run.rows);
        run.rows -= n;
        rows -= n;
        if (run.rows === 0) runs.shift();
        if (run.segment) {
          run.segment.inMemory -= n;
          deleteIfDone(run.segment);
        }
      }
    },

    stats: () => ({ ...counts, bytes, backlogSegments: backlog.length, spilling }),

    /** Stops writing; what the database has not taken stays on disk, adoptable by the next process at once. */
    close(): void {
      if (closed) return;
      clearInterval(timer);
      closeActive();
      closed = true;
      releaseOwnDir(dir);
    },
  };
}
