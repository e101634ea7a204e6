import { getDb } from '@/db/index';
import { insertUsageBatch, type UsageRow } from '@/db/queries/api-requests';
import { queueUsageNotices } from '@/lib/email/notify-usage';

/**
 * Writes one batch: the rows, the keys' last use and the e-mail notices the batch causes, in one
 * transaction, so a notice exists exactly when the calls it reports do. Idempotent: a batch
 * retried after a commit whose acknowledgement was lost inserts and queues nothing twice.
 */
export async function writeUsageBatch(rows: UsageRow[]): Promise<void> {
  if (rows.length === 0) return;
  await getDb().transaction(async (tx) => {
    await insertUsageBatch(tx, rows);
    await queueUsageNotices(tx, rows);
  });
}
