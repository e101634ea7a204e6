// No `import 'server-only'`: the usage recorder runs this inside its batch transaction.
import type { UsageRow } from '@/db/queries/api-requests';
import type { Tx } from '@/db/index';
import { enqueueMail, type NewMail } from '@/db/queries/mail-outbox';
import { claimIpRefusalNotices, refusedCallsSince } from '@/db/queries/notice-windows';
import { findNoticeTargets } from '@/db/queries/notice-targets';
import { getConfig } from '@/lib/config';
import { keyOf, noticeMail } from './notice-mail';
import { renderIpRefused } from './templates/security-notices';

/**
 * A security notice, whatever the key's toggle says: its IP limits refused calls. At most one
 * per key per NOTIFY_INTERVAL_SECONDS; each reports every refusal since the previous one.
 */
export async function queueIpRefusalNotices(tx: Tx, rows: UsageRow[]): Promise<void> {
  const keyIds = [...new Set(rows.filter((row) => row.outcome === 'ip_not_allowed' && row.apiKeyId).map((row) => row.apiKeyId as string))];
  const claims = await claimIpRefusalNotices(tx, { keyIds, intervalSeconds: getConfig().NOTIFY_INTERVAL_SECONDS });
  if (claims.length === 0) return;
  const targets = await findNoticeTargets(tx, { keyIds: claims.map((claim) => claim.apiKeyId) });
  const mails: NewMail[] = [];
  for (const { apiKeyId, since, noticedAt } of claims) {
    const target = targets.get(apiKeyId);
    if (!target?.securityRecipient) continue;
    const refused = (await refusedCallsSince(tx, { apiKeyId, since })).map((row) => ({ ...row, ip: row.ip ?? 'unknown' }));
    const content = renderIpRefused({
      ...keyOf(target),
      at: noticedAt,
      total: refused.reduce((sum, row) => sum + row.count, 0),
      refused,
      ipLimits: target.ipLimits,
    });
    mails.push(noticeMail(target, { kind: 'ip_refused', dedupeKey: `ip_refused:${apiKeyId}:${noticedAt.toISOString()}`, recipient: target.securityRecipient, content }));
  }
  await enqueueMail(tx, mails);
}
