import { log } from '@/lib/logger';
import { runRetention, type RetentionOptions } from './run-retention';

export type RetentionJobOptions = RetentionOptions & {
  /** Between two runs: an hour (a run then has about an hour of rows to delete). */
  everyMs?: number;
  /** The first run, shortly after the start rather than during it. */
  firstRunAfterMs?: number;
};

/**
 * Runs retention every `everyMs`, and once shortly after the start. A run that fails (the
 * database is down) is logged and retried at the next one; it never stops the process. Returns a
 * stop function: it ends the run in progress after its current statement, and waits for that.
 */
export function startRetentionJob({ everyMs = 3_600_000, firstRunAfterMs = 60_000, ...options }: RetentionJobOptions = {}): () => Promise<void> {
  const shutdown = new AbortController();
  const progress = options.progress ?? { seenIpsAfter: null };
  let running: Promise<unknown> | null = null;
  const run = () => {
    running ??= runRetention({ ...options, progress, signal: shutdown.signal })
      .catch((error: unknown) => log.warn({ err: error }, 'retention run failed; retrying on the next run'))
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(run, firstRunAfterMs);
  const timer = setInterval(run, everyMs);
  first.unref();
  timer.unref();
  return async () => {
    clearTimeout(first);
    clearInterval(timer);
    shutdown.abort();
    await running;
  };
}
