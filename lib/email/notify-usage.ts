// No `import 'server-only'`: the usage recorder runs this inside its batch transaction.
import type { UsageRow } from '@/db/queries/api-requests';
import type { Tx } from '@/db/index';
import { enqueueMail, type NewMail } from '@/db/queries/mail-outbox';
import { restartDigestWindow } from '@/db/queries/notice-windows';
import { findNoticeTargets } from '@/db/queries/notice-targets';
import { recordSeenIps, type SeenIp } from '@/db/queries/seen-ips';
import { ALLOWED_OUTCOMES } from '@/lib/api-keys/outcomes';
import { log } from '@/lib/logger';
import type { CallerRef } from './mail-kinds';
import { keyOf, noticeMail } from './notice-mail';
import { queueIpRefusalNotices } from './notify-ip-refusals';
import { renderFirstUse, renderNewIp } from './templates/usage-notices';

const allowed = new Set<string>(ALLOWED_OUTCOMES);

/**
 * Runs in the transaction that writes a batch of usage rows, so a notice exists exactly when the
 * calls it reports do, and a retried batch queues nothing twice. The API request never waits on it.
 */
export async function queueUsageNotices(tx: Tx, rows: UsageRow[]): Promise<void> {
  try {
    // A savepoint: if queueing fails, the usage rows still commit, and the seen addresses roll
    // back with it, so the next call from the same address tries the notice again.
    await tx.transaction(async (savepoint) => {
      await queueNewCallerNotices(savepoint, rows);
      await queueIpRefusalNotices(savepoint, rows);
    });
  } catch (error) {
    log.error({ err: error instanceof Error ? error.message : String(error) }, 'usage notices could not be queued; the next call retries them');
  }
}

/** Each key's earliest allowed call from each address in the batch. */
function firstCallers(rows: UsageRow[]): Map<string, UsageRow> {
  const first = new Map<string, UsageRow>();
  for (const row of rows) {
    if (!row.apiKeyId || !row.ip || !allowed.has(row.outcome)) continue;
    const pair = `${row.apiKeyId} ${row.ip}`;
    const seen = first.get(pair);
    if (!seen || row.at < seen.at) first.set(pair, row);
  }
  return first;
}

const callerOf = (row: UsageRow): CallerRef => ({ ip: row.ip as string, at: row.at, integrationName: row.integrationName, userAgent: row.userAgent });

/** First use ever, or use from an address never seen on the key: one message per key at once. */
async function queueNewCallerNotices(tx: Tx, rows: UsageRow[]): Promise<void> {
  const callers = firstCallers(rows);
  const seen: SeenIp[] = [...callers.values()].map((row) => ({ apiKeyId: row.apiKeyId as string, ip: row.ip as string, at: row.at }));
  const fresh = await recordSeenIps(tx, seen);
  if (fresh.length === 0) return;

  const byKey = new Map<string, typeof fresh>();
  for (const pair of fresh) byKey.set(pair.apiKeyId, [...(byKey.get(pair.apiKeyId) ?? []), pair]);
  const targets = await findNoticeTargets(tx, { keyIds: [...byKey.keys()] });
  const mails: NewMail[] = [];
  const firstUses: string[] = [];
  for (const [apiKeyId, pairs] of byKey) {
    const target = targets.get(apiKeyId);
    if (!target?.notifyOnUse || !target.notifyUser) continue;
    const newCallers = pairs.map((pair) => callerOf(callers.get(`${apiKeyId} ${pair.ip}`) as UsageRow)).sort((a, b) => a.at.getTime() - b.at.getTime());
    const recipient = target.notifyUser;
    if (pairs[0].firstUse) {
      firstUses.push(apiKeyId);
      // The first use names the first caller; other addresses of the same moment appear in the next digest.
      mails.push(noticeMail(target, { kind: 'first_use', dedupeKey: `first_use:${apiKeyId}`, recipient, content: renderFirstUse({ ...keyOf(target), caller: newCallers[0] }) }));
    } else {
      mails.push(noticeMail(target, { kind: 'new_ip', dedupeKey: `new_ip:${apiKeyId}:${newCallers[0].ip}`, recipient, content: renderNewIp({ ...keyOf(target), callers: newCallers }) }));
    }
  }
  await restartDigestWindow(tx, { keyIds: firstUses });
  await enqueueMail(tx, mails);
}
