import { getDb, type Db } from '@/db/index';
import { claimDueMail } from '@/db/queries/mail-delivery';
import { sanitizeError } from '@/lib/safe-error';
import { getConfig } from '@/lib/config';
import { log } from '@/lib/logger';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { createTroubleLog, deliverClaimedMail, type DeliveryContext } from './deliver-mail';
import { createTransport, type MailTransport } from './transport';

/**
 * Delivers the mail outbox: every `pollMs` it claims a batch of due rows (a lease, so several
 * instances share the table without sending a row twice), sends them a few at a time and records
 * each result. Nothing is held in memory: after a restart, pending rows and rows whose lease ran
 * out are simply claimed again.
 */
export type MailWorkerOptions = {
  /** A client of its own (tests, a second "instance"); without it, the process's database. */
  db?: Db;
  transport?: MailTransport;
  pollMs?: number;
  batchSize?: number;
  /** How long a claimed row is this worker's before another may take it over. */
  leaseMs?: number;
  /** Sends in flight at once. */
  concurrency?: number;
  backoff?: Partial<BackoffPolicy>;
  /** Only this community's mail (tests sharing one database). */
  communityId?: string;
};

export type MailWorker = {
  /** Stops polling, gives back claimed rows not yet being sent, waits for sends in flight. */
  stop(): Promise<void>;
  /** Claims and sends one batch now; resolves to the number of rows claimed. */
  drainOnce(): Promise<number>;
  /** For shutdown: stops, then makes one last bounded round (what the other drains just queued). */
  shutDown(): Promise<void>;
};

/** Sends start only in the first 80 % of a lease, leaving the rest to record the result. */
const LEASE_USABLE = 0.8;
/** Shutdown makes one last round, bounded so the process can still exit. */
const SHUTDOWN_DRAIN_MS = 5_000;

/** Starts polling at once. lib/background-work.ts starts the process's one worker. */
export function startMailWorker(options: MailWorkerOptions = {}): MailWorker {
  const { pollMs = 1_000, batchSize = 20, leaseMs = 60_000, concurrency = 4, communityId } = options;
  for (const [name, value] of Object.entries({ pollMs, batchSize, leaseMs, concurrency })) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`mail worker ${name} must be a positive integer`);
  }
  const transport = options.transport ?? createTransport(getConfig());
  const backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
  const trouble = createTroubleLog();
  // Resolved per round, so creating the worker opens no database.
  const context = (): DeliveryContext => ({ db: options.db ?? getDb(), transport, backoff, trouble });
  const inFlight = new Set<Promise<unknown>>();
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  function track<T>(work: Promise<T>): Promise<T> {
    inFlight.add(work);
    void work.catch(() => {}).finally(() => inFlight.delete(work));
    return work;
  }

  /** One batch. `deadline` bounds when sends may start; `interruptible` rounds stop when the worker does. */
  async function round(deadline: number, interruptible: boolean): Promise<number> {
    const ctx = context();
    const claimedAt = Date.now();
    const rows = await claimDueMail({ db: ctx.db, limit: batchSize, leaseMs, communityId });
    const sendBy = Math.min(claimedAt + leaseMs * LEASE_USABLE, deadline);
    let next = 0;
    const lane = async () => {
      for (let row = rows[next++]; row; row = rows[next++]) {
        await deliverClaimedMail(ctx, row, sendBy, interruptible && stopped);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, lane));
    return rows.length;
  }

  async function tick(): Promise<void> {
    timer = null;
    if (stopped) return;
    let claimed = 0;
    try {
      claimed = await track(round(Infinity, true));
    } catch (error) {
      trouble('claim', { err: sanitizeError(error) }, 'mail outbox could not be read; will keep trying');
    }
    // A full batch suggests a backlog: go again at once rather than after a poll interval.
    if (!stopped) schedule(claimed >= batchSize ? 0 : pollMs);
  }

  function schedule(delayMs: number): void {
    timer = setTimeout(() => void tick(), delayMs);
    // The worker must not keep an idle process (or a test run) alive; shutdown drains instead.
    timer.unref?.();
  }

  const worker: MailWorker = {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    drainOnce: () => track(round(Infinity, false)),
    async shutDown() {
      await worker.stop();
      await finalRound(() => track(round(Date.now() + SHUTDOWN_DRAIN_MS, false)));
    },
  };
  schedule(0);
  return worker;
}

async function finalRound(round: () => Promise<number>): Promise<void> {
  let timeout: ReturnType<typeof setTimeout> | undefined;
  const givenUp = new Promise<'timeout'>((resolve) => {
    timeout = setTimeout(() => resolve('timeout'), SHUTDOWN_DRAIN_MS + 1_000);
  });
  try {
    const result = await Promise.race([round(), givenUp]);
    if (result === 'timeout') log.warn('mail outbox: the last round did not finish in time; unsent rows are sent after restart');
  } catch (error) {
    log.warn({ err: sanitizeError(error) }, 'mail outbox: the last round failed; unsent rows are sent after restart');
  } finally {
    clearTimeout(timeout);
  }
}
