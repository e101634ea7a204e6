import type { Tx } from '@/db/index';
import { enqueueMail, type NewMail } from '@/db/queries/mail-outbox';
import { claimNoticeInterval, refusedCallsSince } from '@/db/queries/notice-windows';
import { findNoticeTargets } from '@/db/queries/notice-targets';
import { getConfig } from '@/lib/config';
import { keyOf, noticeMail } from './notice-mail';
import { renderIpRefused } from './templates/security-notices';

/** However long a key went without a notice, one reports at most this much history. */
const MAX_LOOKBACK_MS = 7 * 86_400_000;

/**
 * A security notice, whatever the key's toggle says: its IP limits refused calls. At most one per
 * key per interval; each reports every refusal since the previous one (the notice job sends the
 * refusals of a quiet interval once it is over, so none goes unreported).
 */
export async function queueIpRefusalNotices(tx: Tx, keyIds: string[], intervalSeconds = getConfig().NOTIFY_INTERVAL_SECONDS): Promise<void> {
  const claims = await claimNoticeInterval(tx, { notice: 'ip_refused', keyIds, intervalSeconds });
  if (claims.length === 0) return;
  const targets = await findNoticeTargets(tx, { keyIds: claims.map((claim) => claim.apiKeyId) });
  const mails: NewMail[] = [];
  for (const { apiKeyId, previous, noticedAt } of claims) {
    const target = targets.get(apiKeyId);
    if (!target?.securityRecipient) continue;
    const oldest = noticedAt.getTime() - (previous ? MAX_LOOKBACK_MS : intervalSeconds * 1000);
    const since = new Date(Math.max(previous?.getTime() ?? 0, oldest));
    const refused = (await refusedCallsSince(tx, { apiKeyId, since })).map((row) => ({ ...row, ip: row.ip ?? 'unknown' }));
    if (refused.length === 0) continue;
    const content = renderIpRefused({ ...keyOf(target), at: noticedAt, total: refused.reduce((sum, row) => sum + row.count, 0), refused, ipLimits: target.ipLimits });
    mails.push(noticeMail(target, { kind: 'ip_refused', dedupeKey: `ip_refused:${apiKeyId}:${noticedAt.toISOString()}`, recipient: target.securityRecipient, content }));
  }
  await enqueueMail(tx, mails);
}
