import { setTimeout as sleep } from 'node:timers/promises';

/** One short statement of a prune: the rows it deleted, and whether nothing is left to delete. */
export type PruneStep = () => Promise<{ deleted: number; done: boolean }>;

export type Pacing = {
  /** A prune stops after this long; the rest waits for the next run. */
  budgetMs: number;
  /** Waits between two statements, given how long the last one took. */
  pause: (statementMs: number, signal?: AbortSignal) => Promise<void>;
  /** Shutdown: stop after the statement in progress. */
  signal?: AbortSignal;
};

export type PruneResult = { deleted: number; batches: number; ms: number; finished: boolean };

/** Runs `step` until it is done, the budget is spent or the signal fires, pausing between steps. */
export async function pruneInBatches(step: PruneStep, { budgetMs, pause, signal }: Pacing): Promise<PruneResult> {
  const started = performance.now();
  let deleted = 0;
  let batches = 0;
  for (;;) {
    const stepStarted = performance.now();
    const { deleted: rows, done } = await step();
    deleted += rows;
    batches += 1;
    const over = () => done || performance.now() - started >= budgetMs || Boolean(signal?.aborted);
    if (!over()) await pause(performance.now() - stepStarted, signal);
    // Shutdown may come during the pause, too.
    if (over()) return { deleted, batches, ms: Math.round(performance.now() - started), finished: done };
  }
}

const MIN_PAUSE_MS = 10;

/**
 * Pause as long as the statement took (at least 10 ms): retention gets at most half of one
 * connection's time, and the API's queries and the event loop get the rest. Shutdown cuts it short.
 */
export async function pauseAsLongAsTheStatement(statementMs: number, signal?: AbortSignal): Promise<void> {
  await sleep(Math.max(MIN_PAUSE_MS, statementMs), undefined, { signal }).catch(() => {});
}
