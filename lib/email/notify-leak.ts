import type { Tx } from '@/db/index';
import { enqueueMail } from '@/db/queries/mail-outbox';
import { findNoticeTargets } from '@/db/queries/notice-targets';
import { rotateKeyUrl } from './links';
import { keyOf, noticeMail } from './notice-mail';
import { renderLeakNotice, type LeakNoticeInput } from './templates/leak-notice';

/**
 * Security notice for a key reported leaked, to the admin responsible for it, whatever the key's
 * toggle. Called inside the report's transaction; one message per leaked secret (the dedupe key).
 */
export async function queueLeakNotice(tx: Tx, { apiKeyId, hash, ...report }: Omit<LeakNoticeInput, 'key' | 'keyUrl' | 'rotateUrl'> & { apiKeyId: string; hash: string }): Promise<void> {
  const target = (await findNoticeTargets(tx, { keyIds: [apiKeyId] })).get(apiKeyId);
  if (!target?.securityRecipient) return;
  const { key, keyUrl } = keyOf(target);
  const content = renderLeakNotice({ key, keyUrl, rotateUrl: rotateKeyUrl(apiKeyId), ...report });
  await enqueueMail(tx, [noticeMail(target, { kind: 'key_reported_leaked', dedupeKey: `key_reported_leaked:${hash}`, recipient: target.securityRecipient, content })]);
}
