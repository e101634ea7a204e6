import { describe, expect, it } from 'vitest';
import { pruneInBatches, type PruneStep } from './prune-in-batches';

/** A table of `rows` old rows that gives up `batch` of them per statement. */
function table(rows: number, batch: number): PruneStep & { statements: number } {
  const step = Object.assign(
    async () => {
      step.statements += 1;
      const deleted = Math.min(batch, rows);
      rows -= deleted;
      return { deleted, done: deleted < batch };
    },
    { statements: 0 },
  );
  return step;
}

const noPause = async () => {};

describe('pruneInBatches', () => {
  it('deletes in statements of one batch until a short one says nothing is left', async () => {
    const step = table(25, 10);
    expect(await pruneInBatches(step, { budgetMs: 60_000, pause: noPause })).toMatchObject({ deleted: 25, batches: 3, finished: true });
  });

  it('pauses between statements, never after the last', async () => {
    const pauses: number[] = [];
    await pruneInBatches(table(30, 10), { budgetMs: 60_000, pause: async (ms) => void pauses.push(ms) });
    expect(pauses).toHaveLength(3);
  });

  it('stops when the budget is spent and leaves the rest to the next run', async () => {
    const step = table(1_000, 10);
    const result = await pruneInBatches(step, { budgetMs: 0, pause: noPause });
    expect(result).toMatchObject({ deleted: 10, batches: 1, finished: false });
    expect(step.statements).toBe(1);
  });

  it('runs no further statement once shutdown begins, even during a pause', async () => {
    const shutdown = new AbortController();
    const step = table(1_000, 10);
    const result = await pruneInBatches(step, { budgetMs: 60_000, signal: shutdown.signal, pause: async () => shutdown.abort() });
    expect(result).toMatchObject({ deleted: 10, batches: 1, finished: false });
    expect(step.statements).toBe(1);
  });
});
