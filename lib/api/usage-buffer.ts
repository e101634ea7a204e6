import type { UsageRow } from '@/db/queries/api-requests';

/**
 * The usage recorder's memory: rows waiting to be written, in batches, oldest first. Pure data
 * and rules (when a batch is due, which batches go in one write); no timers, no database.
 */
export type UsageRecorderConfig = {
  /** Rows held in memory at most (waiting or being written); beyond it new rows are dropped. */
  maxBuffered: number;
  /** Rows per transaction; a full batch is written at once. */
  batchSize: number;
  /** The longest a row waits before its batch is written. */
  intervalMs: number;
};

export type Batch = {
  /** Creation order; a flush writes every batch up to the newest one at the time of the call. */
  seq: number;
  /** When the first row arrived (monotonic clock). */
  firstAt: number;
  rows: UsageRow[];
  /** Put back after a failure: due again as soon as any backoff allows, full or not. */
  ready: boolean;
  /** Produced by splitting a batch the database rejected (only the first split is logged). */
  split: boolean;
};

// Under a backlog, several due batches go in one transaction: fewer round trips, so the writer
// catches up instead of falling further behind a saturated server (see BENCHMARKS.md).
const MAX_ROWS_PER_WRITE = 5_000;

export function createUsageBuffer(config: () => UsageRecorderConfig) {
  /** FIFO; rows are appended to the last batch. A batch being written is not in here. */
  const batches: Batch[] = [];
  let nextSeq = 1;
  let flushThrough = 0;

  const isDue = (batch: Batch, at: number) =>
    batch.ready || batch.rows.length >= config().batchSize || batch.seq <= flushThrough || at - batch.firstAt >= config().intervalMs;

  return {
    isDue,
    front: (): Batch | undefined => batches[0],

    /** Appends a row; true when that changes when to write next (a new batch's deadline starts, or a batch filled up). */
    append(row: UsageRow, at: number): boolean {
      let last = batches[batches.length - 1];
      if (!last || last.rows.length >= config().batchSize) {
        last = { seq: nextSeq++, firstAt: at, rows: [], ready: false, split: false };
        batches.push(last);
      }
      last.rows.push(row);
      return last.rows.length === 1 || last.rows.length >= config().batchSize;
    },

    /** Takes the front batch, merged with the due batches behind it up to MAX_ROWS_PER_WRITE rows. */
    takeDueRun(at: number): Batch {
      const first = batches.shift() as Batch;
      if (first.split) return first;
      let rows = first.rows;
      for (let next = batches[0]; next && !next.split && isDue(next, at) && rows.length + next.rows.length <= MAX_ROWS_PER_WRITE; next = batches[0]) {
        rows = rows.concat(next.rows);
        batches.shift();
      }
      // Keeps the first seq: a flush then waits for every row merged in, never fewer.
      return rows === first.rows ? first : { ...first, rows };
    },

    /** Puts batches back at the front, due at once (a failed write, or the halves of a rejected one). */
    putBack(...front: Batch[]): void {
      batches.unshift(...front.map((batch) => ({ ...batch, ready: true })));
    },

    /** Marks every batch that exists now as due; returns the newest one's seq, for rowsThrough. */
    flushAll(): number {
      const through = nextSeq - 1;
      flushThrough = Math.max(flushThrough, through);
      return through;
    },

    rowsThrough: (seq: number) => batches.reduce((sum, batch) => (batch.seq <= seq ? sum + batch.rows.length : sum), 0),
  };
}

export type UsageBuffer = ReturnType<typeof createUsageBuffer>;
