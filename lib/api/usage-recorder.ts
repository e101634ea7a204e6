// Deliberately no `import 'server-only'` anywhere in this module's imports: server.ts runs in plain
// Node (tsx), where that package throws, and may import this module to flush it on shutdown.
import { setTimeout as sleep } from 'node:timers/promises';
import { insertUsageBatch, type UsageRow } from '@/db/queries/api-requests';
import { queueUsageNotices } from '@/lib/email/notify-usage';
import { log } from '@/lib/logger';
import { onShutdown } from '@/lib/shutdown';
import { describeWriteError, isRowDataError } from './usage-errors';
import { normalizeUsageRecord, type UsageRecord } from './usage-record';

export type { UsageRecord } from './usage-record';

/**
 * Usage rows for guarded API requests. Requests only append to an in-memory buffer (no database
 * round trip on the request path); batches are written in the background, one transaction each,
 * when a batch fills up or its oldest row has waited `intervalMs`. A failed write keeps its rows
 * and retries with backoff; only a full buffer drops rows, and says so in the log.
 */
export type UsageRecorderConfig = {
  /** Rows held in memory at most (waiting or being written); beyond it new rows are dropped. */
  maxBuffered: number;
  /** Rows per transaction; a full batch is written at once. */
  batchSize: number;
  /** The longest a row waits before its batch is written. */
  intervalMs: number;
};

const DEFAULT_CONFIG: UsageRecorderConfig = { maxBuffered: 100_000, batchSize: 500, intervalMs: 1_000 };
const RETRY_BASE_MS = 100;
const RETRY_MAX_MS = 5_000;
/** flushUsage (shutdown) tries this often, then gives up so the process can still exit. */
const FLUSH_ATTEMPTS = 5;
const FULL_LOG_EVERY_MS = 10_000;

type Batch = {
  /** Creation order; flushUsage writes every batch up to the newest one at the time of the call. */
  seq: number;
  /** When the first row arrived (monotonic clock). */
  firstAt: number;
  rows: UsageRow[];
  /** Put back after a failure: due again as soon as any backoff allows, full or not. */
  ready: boolean;
  /** Produced by splitting a batch the database rejected (only the first split is logged). */
  split: boolean;
};

type RecorderState = {
  config: UsageRecorderConfig;
  /** FIFO; rows are appended to the last batch. A batch being written is not in here. */
  batches: Batch[];
  nextSeq: number;
  flushThrough: number;
  buffered: number;
  written: number;
  dropped: number;
  failedFlushes: number;
  consecutiveFailures: number;
  retryAt: number;
  timer: ReturnType<typeof setTimeout> | null;
  timerDue: number;
  inFlight: Promise<void> | null;
  droppedSinceLog: number;
  lastFullLogAt: number;
};

// server.ts and Next's bundle each load their own copy of this module; one buffer per process.
const globalForUsage = globalThis as unknown as { __icUsageRecorder?: RecorderState };

const now = () => performance.now();

function state(): RecorderState {
  if (!globalForUsage.__icUsageRecorder) {
    globalForUsage.__icUsageRecorder = {
      config: { ...DEFAULT_CONFIG },
      batches: [],
      nextSeq: 1,
      flushThrough: 0,
      buffered: 0,
      written: 0,
      dropped: 0,
      failedFlushes: 0,
      consecutiveFailures: 0,
      retryAt: 0,
      timer: null,
      timerDue: 0,
      inFlight: null,
      droppedSinceLog: 0,
      lastFullLogAt: -Infinity,
    };
    onShutdown('usage-recorder', flushUsage);
  }
  return globalForUsage.__icUsageRecorder;
}

function retryDelay(failures: number): number {
  return Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, failures - 1));
}

function isDue(s: RecorderState, batch: Batch, at: number): boolean {
  return (
    batch.ready ||
    batch.rows.length >= s.config.batchSize ||
    batch.seq <= s.flushThrough ||
    at - batch.firstAt >= s.config.intervalMs
  );
}

/** Appends one row. Synchronous and O(1); never throws, never touches the database. */
export function recordUsage(record: UsageRecord): void {
  try {
    const s = state();
    if (s.buffered >= s.config.maxBuffered) {
      noteDrop(s);
      return;
    }
    const row = normalizeUsageRecord(record);
    let last = s.batches[s.batches.length - 1];
    if (!last || last.rows.length >= s.config.batchSize) {
      last = { seq: s.nextSeq++, firstAt: now(), rows: [], ready: false, split: false };
      s.batches.push(last);
    }
    last.rows.push(row);
    s.buffered++;
    // Only a new batch (its deadline starts) or a full one (due now) changes when to write next.
    if (last.rows.length === 1 || last.rows.length >= s.config.batchSize) schedule(s);
  } catch (error) {
    // Recording must never break the request it describes.
    try {
      log.error({ error: describeWriteError(error).message }, 'usage row could not be recorded');
    } catch {
      // Nothing sensible is left to do.
    }
  }
}

function noteDrop(s: RecorderState): void {
  s.dropped++;
  s.droppedSinceLog++;
  const at = now();
  if (at - s.lastFullLogAt < FULL_LOG_EVERY_MS) return;
  log.error(
    { dropped: s.droppedSinceLog, droppedTotal: s.dropped, maxBuffered: s.config.maxBuffered, buffered: s.buffered },
    'usage buffer is full: dropping usage rows until the database catches up',
  );
  s.lastFullLogAt = at;
  s.droppedSinceLog = 0;
}

/** Arms the one timer for the next write: the front batch's deadline, never before a backoff ends. */
function schedule(s: RecorderState): void {
  if (s.inFlight) return; // the running write calls schedule() when it ends
  const front = s.batches[0];
  if (!front) return;
  const at = now();
  const due = Math.max(isDue(s, front, at) ? at : front.firstAt + s.config.intervalMs, s.retryAt);
  if (s.timer && s.timerDue <= due) return;
  if (s.timer) clearTimeout(s.timer);
  s.timerDue = due;
  s.timer = setTimeout(() => {
    s.timer = null;
    void pump(s, false);
  }, Math.max(0, due - at));
  // A pending write must not keep an idle process (or a test run) alive; shutdown flushes instead.
  s.timer.unref?.();
}

/** Starts writing due batches unless a write is already running: one flush in flight at a time. */
function pump(s: RecorderState, ignoreBackoff: boolean): Promise<void> {
  if (s.inFlight) return s.inFlight;
  s.inFlight = writeDueBatches(s, ignoreBackoff).finally(() => {
    s.inFlight = null;
    schedule(s);
  });
  return s.inFlight;
}

// Under a backlog, several due batches go in one transaction: fewer round trips, so the writer
// catches up instead of falling further behind a saturated server (see BENCHMARKS.md).
const MAX_ROWS_PER_WRITE = 5_000;

/** Takes the front batch, merged with the due batches behind it up to MAX_ROWS_PER_WRITE rows. */
function takeDueRun(s: RecorderState): Batch {
  const first = s.batches.shift() as Batch;
  if (first.split) return first;
  let rows = first.rows;
  for (let next = s.batches[0]; next && !next.split && isDue(s, next, now()) && rows.length + next.rows.length <= MAX_ROWS_PER_WRITE; next = s.batches[0]) {
    rows = rows.concat(next.rows);
    s.batches.shift();
  }
  // Keeps the first seq: flushUsage then waits for every row merged in, never fewer.
  return rows === first.rows ? first : { ...first, rows };
}

async function writeDueBatches(s: RecorderState, ignoreBackoff: boolean): Promise<void> {
  if (!ignoreBackoff && now() < s.retryAt) return;
  while (s.batches[0] && isDue(s, s.batches[0], now())) {
    if (!(await writeBatch(s, takeDueRun(s)))) return;
  }
}

/** Writes one batch; false means "stop and back off" (the rows are back at the front). */
async function writeBatch(s: RecorderState, batch: Batch): Promise<boolean> {
  try {
    await insertUsageBatch(batch.rows, { afterInsert: queueUsageNotices });
  } catch (error) {
    s.failedFlushes++;
    if (isRowDataError(error)) {
      rejectOrSplit(s, batch, error);
      return true;
    }
    s.batches.unshift({ ...batch, ready: true });
    s.consecutiveFailures++;
    const retryInMs = retryDelay(s.consecutiveFailures);
    s.retryAt = now() + retryInMs;
    const { message, code } = describeWriteError(error);
    // Counts and the driver's message only: row contents (IPs, user agents) stay out of the log.
    log.warn(
      { rows: batch.rows.length, buffered: s.buffered, attempt: s.consecutiveFailures, retryInMs, error: message, code },
      'usage rows could not be written; keeping them and retrying',
    );
    return false;
  }
  s.buffered -= batch.rows.length;
  s.written += batch.rows.length;
  s.consecutiveFailures = 0;
  s.retryAt = 0;
  return true;
}

/**
 * The database rejected the rows themselves (normalisation should prevent it, but e.g. a key id
 * that no longer exists breaks a foreign key). Retrying as is would wedge the buffer for good, so
 * the batch is halved until the offending rows are alone, and only those are dropped.
 */
function rejectOrSplit(s: RecorderState, batch: Batch, error: unknown): void {
  const { message, code } = describeWriteError(error);
  if (batch.rows.length > 1) {
    const half = Math.ceil(batch.rows.length / 2);
    if (!batch.split) {
      log.warn({ rows: batch.rows.length, error: message, code }, 'usage batch rejected by the database; splitting it to isolate the bad rows');
    }
    s.batches.unshift(
      { ...batch, rows: batch.rows.slice(0, half), ready: true, split: true },
      { ...batch, rows: batch.rows.slice(half), ready: true, split: true },
    );
    return;
  }
  s.buffered -= 1;
  s.dropped += 1;
  log.error({ rows: 1, droppedTotal: s.dropped, error: message, code }, 'usage row rejected by the database; dropped');
}

function rowsThrough(s: RecorderState, seq: number): number {
  return s.batches.reduce((sum, batch) => (batch.seq <= seq ? sum + batch.rows.length : sum), 0);
}

/**
 * Writes every row buffered at the time of the call (for shutdown and tests), retrying a few times
 * with backoff. If the database stays unreachable it logs how many rows are unwritten and returns;
 * those rows stay buffered, so a process that keeps running still retries them.
 */
export async function flushUsage(): Promise<void> {
  const s = state();
  if (s.buffered === 0) return;
  const target = s.nextSeq - 1;
  s.flushThrough = Math.max(s.flushThrough, target);
  for (let attempt = 1; ; attempt++) {
    // Wait out a background write (its batch may be one of ours), then run one ignoring backoff.
    while (s.inFlight) await s.inFlight;
    await pump(s, true);
    const left = rowsThrough(s, target);
    if (left === 0) return;
    if (attempt >= FLUSH_ATTEMPTS) {
      log.error({ rows: left, buffered: s.buffered, attempts: attempt }, 'usage flush gave up: rows could not be written');
      return;
    }
    await sleep(retryDelay(attempt));
  }
}

export function usageRecorderStats(): { buffered: number; written: number; dropped: number; failedFlushes: number } {
  const { buffered, written, dropped, failedFlushes } = state();
  return { buffered, written, dropped, failedFlushes };
}

/** Tunes the recorder (tests use tiny limits); returns the previous settings so they can be restored. */
export function configureUsageRecorder(options: Partial<UsageRecorderConfig>): UsageRecorderConfig {
  const s = state();
  const previous = { ...s.config };
  const next = { ...s.config, ...options };
  for (const [name, value] of Object.entries(next)) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`usage recorder ${name} must be a positive integer`);
  }
  s.config = next;
  // The armed timer may be for the old interval; re-arm from the new settings.
  if (s.timer) clearTimeout(s.timer);
  s.timer = null;
  schedule(s);
  return previous;
}
