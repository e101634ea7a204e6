import { getDb, type Db } from '@/db/index';
import { claimExpiringKeys } from '@/db/queries/expiring-keys';
import { enqueueMail } from '@/db/queries/mail-outbox';
import { findNoticeTargets } from '@/db/queries/notice-targets';
import { EXPIRY_REMINDER_DAYS } from '@/lib/api-keys/expiry';
import { editKeyUrl } from './links';
import { keyOf, noticeMail } from './notice-mail';
import { renderExpiryNotice } from './templates/expiry-notice';

/**
 * Reminds the admin responsible for each working key (its notification recipient, else its creator)
 * EXPIRY_REMINDER_DAYS before it expires. Once per key per expiry date: the key is marked with the
 * expiry it was reminded of, and the outbox's dedupe key names both, so a new expiry gets its own.
 */
export async function queueExpiryNotices({ db = getDb(), limit = 100, communityId }: { db?: Db; limit?: number; communityId?: string } = {}): Promise<number> {
  return db.transaction(async (tx) => {
    const keys = await claimExpiringKeys(tx, { days: EXPIRY_REMINDER_DAYS, limit, communityId });
    if (keys.length === 0) return 0;
    const targets = await findNoticeTargets(tx, { keyIds: keys.map((key) => key.id) });
    const at = new Date();
    const mails = keys.flatMap(({ id, expiresAt, lastUsedAt }) => {
      const target = targets.get(id);
      if (!target?.securityRecipient) return [];
      const content = renderExpiryNotice({ ...keyOf(target), editUrl: editKeyUrl(id), expiresAt, lastUsedAt, at });
      return [noticeMail(target, { kind: 'key_expiring', dedupeKey: `key_expiring:${id}:${expiresAt.toISOString()}`, recipient: target.securityRecipient, content })];
    });
    await enqueueMail(tx, mails);
    return mails.length;
  });
}
