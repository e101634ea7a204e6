import type { Tx } from '@/db/index';
import type { UsageRow } from '@/db/queries/api-requests';
import { startDigestWindows } from '@/db/queries/digest-windows';
import { enqueueMail, type NewMail } from '@/db/queries/mail-outbox';
import { claimNoticeInterval } from '@/db/queries/notice-windows';
import { findNoticeTargets, type NoticeTarget } from '@/db/queries/notice-targets';
import { recordSeenIps } from '@/db/queries/seen-ips';
import { KEY_ACCEPTED_OUTCOMES } from '@/lib/api-keys/outcomes';
import { getConfig } from '@/lib/config';
import { log } from '@/lib/logger';
import type { CallerRef } from './mail-kinds';
import { keyOf, noticeMail } from './notice-mail';
import { queueIpRefusalNotices } from './notify-ip-refusals';
import { renderFirstUse, renderNewIp } from './templates/usage-notices';

const keyAccepted = new Set<string>(KEY_ACCEPTED_OUTCOMES);

/**
 * Runs in the transaction that writes a batch of usage rows, so a notice exists exactly when the
 * calls it reports do, and a retried batch queues nothing twice. The API request never waits on it.
 */
export async function queueUsageNotices(tx: Tx, rows: UsageRow[]): Promise<void> {
  try {
    // A savepoint: if queueing fails, the usage rows still commit and the seen addresses roll back
    // with it, so the next call from one of those addresses tries the notice again.
    await tx.transaction(async (savepoint) => {
      await queueNewCallerNotices(savepoint, rows);
      const refusedKeys = new Set(rows.filter((row) => row.outcome === 'ip_not_allowed' && row.apiKeyId).map((row) => row.apiKeyId as string));
      await queueIpRefusalNotices(savepoint, [...refusedKeys]);
    });
  } catch (error) {
    log.error({ err: error }, 'usage notices could not be queued; the next call from those addresses retries them');
  }
}

/** Each key's earliest call from each address in the batch, among calls its key was accepted for. */
function firstCallers(rows: UsageRow[]): Map<string, CallerRef & { apiKeyId: string }> {
  const first = new Map<string, CallerRef & { apiKeyId: string }>();
  for (const row of rows) {
    if (!row.apiKeyId || !row.ip || !keyAccepted.has(row.outcome)) continue;
    const pair = `${row.apiKeyId} ${row.ip}`;
    const seen = first.get(pair);
    if (!seen || row.at < seen.at) first.set(pair, { apiKeyId: row.apiKeyId, ip: row.ip, at: row.at, integrationName: row.integrationName, userAgent: row.userAgent });
  }
  return first;
}

/**
 * First use ever, or use from an address never seen on the key. The first use is always told
 * (listing every address of that moment); new addresses at most once per key per interval, the
 * others appear in the next digest.
 */
async function queueNewCallerNotices(tx: Tx, rows: UsageRow[]): Promise<void> {
  const callers = firstCallers(rows);
  const fresh = await recordSeenIps(tx, [...callers.values()]);
  if (fresh.length === 0) return;

  const byKey = new Map<string, { firstUse: boolean; callers: CallerRef[] }>();
  for (const pair of fresh) {
    const entry = byKey.get(pair.apiKeyId) ?? { firstUse: pair.firstUse, callers: [] };
    entry.callers.push(callers.get(`${pair.apiKeyId} ${pair.ip}`) as CallerRef);
    byKey.set(pair.apiKeyId, entry);
  }
  const targets = await findNoticeTargets(tx, { keyIds: [...byKey.keys()] });
  const notifying = (apiKeyId: string): NoticeTarget | null => {
    const target = targets.get(apiKeyId);
    return target?.notifyOnUse && target.notifyUser ? target : null;
  };
  for (const entry of byKey.values()) entry.callers.sort((a, b) => a.at.getTime() - b.at.getTime());

  const firstUses = [...byKey].filter(([id, entry]) => entry.firstUse && notifying(id));
  const newIpKeys = [...byKey].filter(([id, entry]) => !entry.firstUse && notifying(id)).map(([id]) => id);
  const claimed = await claimNoticeInterval(tx, { notice: 'new_ip', keyIds: newIpKeys, intervalSeconds: getConfig().NOTIFY_INTERVAL_SECONDS });

  const mails: NewMail[] = [];
  for (const [apiKeyId, { callers: [caller, ...others] }] of firstUses) {
    const target = notifying(apiKeyId) as NoticeTarget;
    mails.push(noticeMail(target, { kind: 'first_use', dedupeKey: `first_use:${apiKeyId}`, recipient: target.notifyUser!, content: renderFirstUse({ ...keyOf(target), caller, others }) }));
  }
  for (const { apiKeyId } of claimed) {
    const target = notifying(apiKeyId) as NoticeTarget;
    const newCallers = byKey.get(apiKeyId)!.callers;
    mails.push(noticeMail(target, { kind: 'new_ip', dedupeKey: `new_ip:${apiKeyId}:${newCallers[0].ip}`, recipient: target.notifyUser!, content: renderNewIp({ ...keyOf(target), callers: newCallers }) }));
  }
  // The digest clock starts at the first call: the first-use notice covers that moment, the digest what follows.
  await startDigestWindows(tx, firstUses.map(([apiKeyId, entry]) => ({ apiKeyId, at: entry.callers[0].at })));
  await enqueueMail(tx, mails);
}
