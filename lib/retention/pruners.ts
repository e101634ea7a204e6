import type { Db } from '@/db/index';
import { deleteFailedMail, deleteOldAuditEntries, deleteSentMail } from '@/db/queries/retention-records';
import { deleteStaleSeenIps, seenIpWindowEnd, type SeenIpCursor } from '@/db/queries/retention-seen-ips';
import { deleteOldCallers, deleteOldHourlyUsage, deleteRequestRange, keyIdPage, requestWindow } from '@/db/queries/retention-usage';
import type { RetentionCutoffs } from './cutoffs';
import type { PruneStep } from './prune-in-batches';

export type PruneContext = {
  db: Db;
  cutoffs: RetentionCutoffs;
  /** Most rows one statement deletes. */
  batchSize: number;
  /** Keys per statement for the tables pruned key by key. */
  keyPageSize: number;
  /** Only this community's rows (test files sharing one database); unset in the app. */
  communityId?: string;
  /** Where a walk stopped, kept by the job from one run to the next. */
  progress: RetentionProgress;
};

/** The seen addresses' walk goes on where the last run's time ran out (null: from the start). */
export type RetentionProgress = { seenIpsAfter: SeenIpCursor | null };

/** What one table's prune is: its name in the log, its statements one after another, and a shorter budget than the run's if any. */
export type Pruner = { table: string; steps: (context: PruneContext) => PruneStep; budgetMs?: number };

/**
 * Raw usage rows, oldest id first: each statement reads the next `batchSize` rows by primary key
 * and deletes the old ones among them, which share a few heap pages. Measured at 1 000 000 rows:
 * the (key, at) index hands old rows out key by key, scattered over the table (2.8× slower); the
 * BRIN index on `at` is fine on a fresh table but, once freed pages are reused by new rows (its
 * ranges never narrow), scans 500 000 new rows to find each batch (480 ms against 5 ms). The walk
 * stops at the first window with no old row; a row recorded late (the spool after an outage)
 * beyond it goes in a later run, once the rows recorded before it are old too.
 */
function requestSteps({ db, cutoffs, batchSize, communityId }: PruneContext): PruneStep {
  const before = cutoffs.usage;
  let afterId = 0;
  return async () => {
    const window = await requestWindow({ db, afterId, before, limit: batchSize, communityId });
    if (!window || window.older === 0) return { deleted: 0, done: true };
    afterId = window.lastId;
    return { deleted: await deleteRequestRange({ db, ...window, before, communityId }), done: false };
  };
}

/**
 * Seen addresses: every one is checked against the callers rollup (an address seen long ago may
 * still be in use), so the table is walked in primary-key stretches of `batchSize`, each row two
 * index probes. That is the costliest prune once caught up, and the least urgent (an address is
 * forgotten a few hours late): it gets 10 s a run, and the walk goes on at the next run.
 */
function seenIpSteps({ db, cutoffs, batchSize, communityId, progress }: PruneContext): PruneStep {
  return async () => {
    const after = progress.seenIpsAfter;
    const last = await seenIpWindowEnd({ db, after, limit: batchSize, communityId });
    const deleted = await deleteStaleSeenIps({ db, after, last, before: cutoffs.usage, communityId });
    progress.seenIpsAfter = last;
    return { deleted, done: last === null };
  };
}

/**
 * The tables whose indexes start with the key: a page of keys at a time, each statement an index
 * range per key over old rows only, until a page gives up less than a batch.
 */
function keyByKey(deleteBatch: (context: PruneContext, keyIds: string[]) => Promise<number>) {
  return (context: PruneContext): PruneStep => {
    let page: string[] | null = null;
    let afterId: string | null = null;
    return async () => {
      page ??= await keyIdPage({ db: context.db, afterId, limit: context.keyPageSize, communityId: context.communityId });
      if (page.length === 0) return { deleted: 0, done: true };
      const deleted = await deleteBatch(context, page);
      if (deleted < context.batchSize) {
        afterId = page[page.length - 1];
        page = null;
      }
      return { deleted, done: false };
    };
  };
}

/** A statement repeated until it deletes less than a batch. */
function untilShort(deleteBatch: (context: PruneContext) => Promise<number>) {
  return (context: PruneContext): PruneStep =>
    async () => {
      const deleted = await deleteBatch(context);
      return { deleted, done: deleted < context.batchSize };
    };
}

/** Several prunes of one table, one after the other. */
function inTurn(...parts: ((context: PruneContext) => PruneStep)[]) {
  return (context: PruneContext): PruneStep => {
    const steps = parts.map((part) => part(context));
    let current = 0;
    return async () => {
      const result = await steps[current]();
      if (!result.done || current === steps.length - 1) return result;
      current += 1;
      return { deleted: result.deleted, done: false };
    };
  };
}

const key = (context: PruneContext, keyIds: string[]) => ({ db: context.db, keyIds, limit: context.batchSize });
const scoped = (context: PruneContext) => ({ db: context.db, limit: context.batchSize, communityId: context.communityId });

/** Every table retention prunes, in order; the audit log only when AUDIT_RETENTION_DAYS is set. */
export function pruners(cutoffs: RetentionCutoffs): Pruner[] {
  return [
    { table: 'api_requests', steps: requestSteps },
    { table: 'api_usage_hourly', steps: keyByKey((c, keyIds) => deleteOldHourlyUsage({ ...key(c, keyIds), before: c.cutoffs.rollups })) },
    { table: 'api_usage_callers', steps: keyByKey((c, keyIds) => deleteOldCallers({ ...key(c, keyIds), before: c.cutoffs.rollups })) },
    { table: 'api_key_seen_ips', steps: seenIpSteps, budgetMs: 10_000 },
    {
      table: 'mail_outbox',
      steps: inTurn(
        untilShort((c) => deleteSentMail({ ...scoped(c), before: c.cutoffs.mail })),
        untilShort((c) => deleteFailedMail({ ...scoped(c), before: c.cutoffs.mail })),
      ),
    },
    ...(cutoffs.audit ? [{ table: 'audit_log', steps: untilShort((c) => deleteOldAuditEntries({ ...scoped(c), before: c.cutoffs.audit as Date })) }] : []),
  ];
}
