import { getConfig } from '@/lib/config';
import { log } from '@/lib/logger';
import { retentionCutoffs, type RetentionSettings } from './cutoffs';
import { pauseAsLongAsTheStatement, pruneInBatches, type Pacing, type PruneResult } from './prune-in-batches';
import { pruners, type RetentionProgress } from './pruners';
import { BUSY, withRetentionLock } from './retention-lock';

export type RetentionOptions = Partial<Pacing> & {
  now?: Date;
  /** The *_RETENTION_DAYS settings; the configuration's by default. */
  settings?: RetentionSettings;
  batchSize?: number;
  keyPageSize?: number;
  /** Only this community's rows: test files sharing one database. */
  communityId?: string;
  /** Where the last run stopped (the job keeps one); a run on its own starts from the beginning. */
  progress?: RetentionProgress;
};

export type RetentionRun = { status: 'busy' } | { status: 'ran'; tables: (PruneResult & { table: string })[] };

/**
 * Small enough that a statement takes tens of milliseconds on a hot table (5 000 raw rows of
 * 1 000 000: 25 ms; ≈ 120 ms with the 2-core bench machine's load average at 20), large enough
 * that a month of 1 000 000 rows goes in 200 statements.
 */
const BATCH_SIZE = 5_000;
const KEY_PAGE_SIZE = 1_000;
/** Per table and run; a backlog (the first run on an old database) goes over several runs. */
const BUDGET_MS = 60_000;

/**
 * One retention run: deletes what the retention settings no longer keep, table by table, in short
 * statements with pauses between them, in one instance at a time. Logs one line per table.
 */
export async function runRetention(options: RetentionOptions = {}): Promise<RetentionRun> {
  const cutoffs = retentionCutoffs(options.settings ?? getConfig(), options.now ?? new Date());
  const pacing: Pacing = { budgetMs: options.budgetMs ?? BUDGET_MS, pause: options.pause ?? pauseAsLongAsTheStatement, signal: options.signal };
  const outcome = await withRetentionLock(async (db) => {
    const context = {
      db,
      cutoffs,
      batchSize: options.batchSize ?? BATCH_SIZE,
      keyPageSize: options.keyPageSize ?? KEY_PAGE_SIZE,
      communityId: options.communityId,
      progress: options.progress ?? { seenIpsAfter: null },
    };
    const tables: (PruneResult & { table: string })[] = [];
    for (const { table, steps, budgetMs = Infinity } of pruners(cutoffs)) {
      if (pacing.signal?.aborted) break;
      // One table failing (a statement timeout) does not keep the others from being pruned.
      try {
        const result = await pruneInBatches(steps(context), { ...pacing, budgetMs: Math.min(budgetMs, pacing.budgetMs) });
        log.info({ table, ...result }, result.finished ? 'retention: old rows deleted' : 'retention: old rows deleted, the rest waits for the next run');
        tables.push({ table, ...result });
      } catch (error) {
        log.warn({ table, err: error }, 'retention: pruning failed; retrying on the next run');
      }
    }
    return tables;
  });
  if (outcome === BUSY) {
    log.debug('retention: another instance is running it');
    return { status: 'busy' };
  }
  return { status: 'ran', tables: outcome };
}
