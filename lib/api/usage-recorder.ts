import { setTimeout as sleep } from 'node:timers/promises';
import { isRowDataError } from '@/db/errors';
import { log } from '@/lib/logger';
import { processState } from '@/lib/process-state';
import { sanitizeError } from '@/lib/safe-error';
import { createUsageBuffer, type Batch, type UsageRecorderConfig } from './usage-buffer';
import { normalizeUsageRecord, type UsageRecord } from './usage-record';
import { openUsageSpool, type UsageSpool, type UsageSpoolOptions } from './usage-spool';
import { writeUsageBatch } from './usage-writer';

export type { UsageRecord } from './usage-record';
export type { UsageRecorderConfig } from './usage-buffer';

/**
 * Usage rows for guarded API requests. Requests only append to an in-memory buffer (no database
 * round trip on the request path); batches are written in the background, one transaction each,
 * when a batch fills up or its oldest row has waited `intervalMs`. A failed write keeps its rows
 * and retries with backoff. Once started with a spool (usage-spool.ts), every row is also on
 * disk before its response is sent, and rows the full buffer has no room for spill there and are
 * read back later; only a full spool (or no spool) drops rows, and says so in the log.
 */
export type UsageRecorder = ReturnType<typeof createUsageRecorder>;

const DEFAULT_CONFIG: UsageRecorderConfig = { maxBuffered: 100_000, batchSize: 500, intervalMs: 1_000 };
const RETRY_BASE_MS = 100;
const RETRY_MAX_MS = 5_000;
/** A flush (shutdown) tries this often, then gives up so the process can still exit. */
const FLUSH_ATTEMPTS = 5;
/** With a spool the rows are safe on disk for the next start: no need to hold the exit up for long (each attempt may wait out a connect timeout). */
const SPOOLED_FLUSH_ATTEMPTS = 2;
/** A flush writes spilled rows for this long at most; the rest stay in the spool for the next start. */
const FLUSH_BACKLOG_MS = 10_000;
const FULL_LOG_EVERY_MS = 10_000;

const now = () => performance.now();
const retryDelay = (failures: number) => Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, failures - 1));

export function createUsageRecorder() {
  let config = { ...DEFAULT_CONFIG };
  const buffer = createUsageBuffer(() => config);
  const counts = { buffered: 0, written: 0, dropped: 0, failedFlushes: 0, spilled: 0 };
  let consecutiveFailures = 0;
  let retryAt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let timerDue = 0;
  let inFlight: Promise<void> | null = null;
  let droppedSinceLog = 0;
  let lastFullLogAt = -Infinity;
  let stopped = false;
  let spool: UsageSpool | null = null;

  function noteDrop(): void {
    counts.dropped++;
    droppedSinceLog++;
    const at = now();
    if (at - lastFullLogAt < FULL_LOG_EVERY_MS) return;
    log.error(
      { dropped: droppedSinceLog, droppedTotal: counts.dropped, maxBuffered: config.maxBuffered, buffered: counts.buffered, spool: spool?.stats() ?? null },
      spool
        ? 'usage buffer is full and the spool takes no more rows: dropping usage rows until the database catches up'
        : 'usage buffer is full: dropping usage rows until the database catches up',
    );
    lastFullLogAt = at;
    droppedSinceLog = 0;
  }

  /** Arms the one timer for the next write: the front batch's deadline, never before a backoff ends. */
  function schedule(): void {
    if (inFlight || stopped) return; // the running write calls schedule() when it ends
    const front = buffer.front();
    if (!front) return;
    const at = now();
    const due = Math.max(buffer.isDue(front, at) ? at : front.firstAt + config.intervalMs, retryAt);
    if (timer && timerDue <= due) return;
    if (timer) clearTimeout(timer);
    timerDue = due;
    timer = setTimeout(() => {
      timer = null;
      void pump(false);
    }, Math.max(0, due - at));
    // A pending write must not keep an idle process (or a test run) alive; shutdown flushes instead.
    timer.unref?.();
  }

  /** Starts writing due batches unless a write is already running: one write in flight at a time. */
  function pump(ignoreBackoff: boolean): Promise<void> {
    if (inFlight) return inFlight;
    inFlight = writeDueBatches(ignoreBackoff).finally(() => {
      inFlight = null;
      refill();
      schedule();
    });
    return inFlight;
  }

  async function writeDueBatches(ignoreBackoff: boolean): Promise<void> {
    if (!ignoreBackoff && now() < retryAt) return;
    for (let front = buffer.front(); front && buffer.isDue(front, now()); front = buffer.front()) {
      if (!(await write(buffer.takeDueRun(now())))) return;
    }
  }

  /** Writes one batch; false means "stop and back off" (the rows are back at the front). */
  async function write(batch: Batch): Promise<boolean> {
    try {
      await writeUsageBatch(batch.rows);
    } catch (error) {
      counts.failedFlushes++;
      if (isRowDataError(error)) {
        rejectOrSplit(batch, error);
        return true;
      }
      buffer.putBack(batch);
      consecutiveFailures++;
      const retryInMs = retryDelay(consecutiveFailures);
      retryAt = now() + retryInMs;
      // Counts and the driver's message only: row contents (IPs, user agents) stay out of the log.
      log.warn(
        { rows: batch.rows.length, buffered: counts.buffered, attempt: consecutiveFailures, retryInMs, err: sanitizeError(error) },
        'usage rows could not be written; keeping them and retrying',
      );
      return false;
    }
    counts.buffered -= batch.rows.length;
    counts.written += batch.rows.length;
    spool?.done(batch.rows.length);
    consecutiveFailures = 0;
    retryAt = 0;
    return true;
  }

  /**
   * The database rejected the rows themselves (normalisation should prevent it, but e.g. a key id
   * that no longer exists breaks a foreign key). Retrying as is would wedge the buffer for good, so
   * the batch is halved until the offending rows are alone, and only those are dropped.
   */
  function rejectOrSplit(batch: Batch, error: unknown): void {
    if (batch.rows.length > 1) {
      const half = Math.ceil(batch.rows.length / 2);
      if (!batch.split) log.warn({ rows: batch.rows.length, err: sanitizeError(error) }, 'usage batch rejected by the database; splitting it to isolate the bad rows');
      buffer.putBack({ ...batch, rows: batch.rows.slice(0, half), split: true }, { ...batch, rows: batch.rows.slice(half), split: true });
      return;
    }
    counts.buffered -= 1;
    counts.dropped += 1;
    spool?.done(1);
    log.error({ rows: 1, droppedTotal: counts.dropped, err: sanitizeError(error) }, 'usage row rejected by the database; dropped');
  }

  /**
   * Brings spooled rows not in memory (spilled, or left by a dead process) back into the buffer
   * while it is at most half full; true when it took any.
   */
  function refill(): boolean {
    let took = false;
    while (spool && !stopped && counts.buffered <= config.maxBuffered / 2) {
      const rows = spool.takeBacklog();
      if (!rows) break;
      for (const row of rows) buffer.append(row, now());
      counts.buffered += rows.length;
      took = true;
    }
    return took;
  }

  /** Writes every row buffered at the time of the call; false if the database did not take them. */
  async function flushBuffered(): Promise<boolean> {
    if (counts.buffered === 0) return true;
    const target = buffer.flushAll();
    for (let attempt = 1; ; attempt++) {
      // Wait out a background write (its batch may be one of ours), then run one ignoring backoff.
      while (inFlight) await inFlight;
      await pump(true);
      const left = buffer.rowsThrough(target);
      if (left === 0) return true;
      if (attempt >= (spool ? SPOOLED_FLUSH_ATTEMPTS : FLUSH_ATTEMPTS)) {
        log.error({ rows: left, buffered: counts.buffered, attempts: attempt, spooled: spool !== null }, 'usage flush gave up: rows could not be written');
        return false;
      }
      await sleep(retryDelay(attempt));
    }
  }

  return {
    /** Appends one row. Synchronous and O(1); never throws, never touches the database. */
    record(record: UsageRecord): void {
      try {
        const full = counts.buffered >= config.maxBuffered;
        if (full && !spool) return noteDrop();
        const row = normalizeUsageRecord(record);
        if (spool && (full || spool.spilling())) {
          if (spool.spill(row)) return void counts.spilled++;
          if (full) return noteDrop();
        }
        spool?.keep(row);
        counts.buffered++;
        if (buffer.append(row, now())) schedule();
      } catch (error) {
        // Recording must never break the request it describes.
        try {
          log.error({ err: sanitizeError(error) }, 'usage row could not be recorded');
        } catch {
          // Nothing sensible is left to do.
        }
      }
    },

    /**
     * Writes every row buffered at the time of the call (shutdown, tests), retrying a few times
     * with backoff, then the spool's backlog for up to FLUSH_BACKLOG_MS. If the database stays
     * unreachable it logs how many rows are unwritten and returns; those rows stay buffered (and
     * spooled), so a process that keeps running still retries them, and the next start does.
     */
    async flush(): Promise<void> {
      const until = now() + FLUSH_BACKLOG_MS;
      do {
        if (!(await flushBuffered())) return;
        // A finished write may have brought spilled rows back already; else bring some now.
      } while (now() < until && (counts.buffered > 0 || refill()));
      if (spool?.hasBacklog()) log.warn({ spool: spool.stats() }, 'usage flush stopped with spilled rows left: the next start writes them');
    },

    /** Resolves once the rows recorded so far are in the spool (null: nothing waits, or no spool). */
    onDisk: (): Promise<void> | null => spool?.whenOnDisk() ?? null,

    stats: () => ({ ...counts, spool: spool?.stats() ?? null }),

    /**
     * Starts keeping every row on disk as well (lib/background-work.ts, once per process), and
     * reads back rows earlier processes left there. Without it (or if it cannot be opened) rows
     * live in memory only.
     */
    startSpool(options: Omit<UsageSpoolOptions, 'onBacklog'>): void {
      if (spool || stopped) return;
      try {
        spool = openUsageSpool({ ...options, onBacklog: () => (refill(), schedule()) });
      } catch (error) {
        log.error({ err: sanitizeError(error), root: options.root }, 'usage spool could not be opened: usage rows are kept in memory only');
        return;
      }
      spool.untracked(counts.buffered);
      refill();
      schedule();
    },

    /** After the shutdown flush: no more background writes; rows still buffered stay unwritten (logged) and in the spool. */
    stop(): void {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      spool?.close();
      spool = null;
    },

    /** Tunes the recorder (tests use tiny limits); returns the previous settings so they can be restored. */
    configure(options: Partial<UsageRecorderConfig>): UsageRecorderConfig {
      const previous = { ...config };
      const next = { ...config, ...options };
      for (const [name, value] of Object.entries(next)) {
        if (!Number.isInteger(value) || value < 1) throw new RangeError(`usage recorder ${name} must be a positive integer`);
      }
      config = next;
      // The armed timer may be for the old interval; re-arm from the new settings.
      if (timer) clearTimeout(timer);
      timer = null;
      schedule();
      return previous;
    },
  };
}

/** The process's one usage recorder (lib/process-state.ts says why it lives there). */
export function usageRecorder(): UsageRecorder {
  const state = processState();
  state.usage ??= createUsageRecorder();
  return state.usage;
}

export const recordUsage = (record: UsageRecord): void => usageRecorder().record(record);
export const usageOnDisk = (): Promise<void> | null => usageRecorder().onDisk();
export const flushUsage = (): Promise<void> => usageRecorder().flush();
export const usageRecorderStats = () => usageRecorder().stats();
export const configureUsageRecorder = (options: Partial<UsageRecorderConfig>) => usageRecorder().configure(options);
