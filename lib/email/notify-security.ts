import type { Tx } from '@/db/index';
import { enqueueMail } from '@/db/queries/mail-outbox';
import { findNoticeTargets } from '@/db/queries/notice-targets';
import type { ActorRef } from './mail-kinds';
import { keyOf, noticeMail } from './notice-mail';
import type { KeyPermissions } from '@/lib/api-keys/permissions';
import { renderKeyRotated, renderKeyStatusNotice, renderPermissionsWidened } from './templates/security-notices';

type KeyChange =
  | { change: 'disabled' | 'deleted' }
  | { change: 'rotated'; previousHint: string; graceUntil: Date }
  | { change: 'permissions_widened'; from: KeyPermissions; to: KeyPermissions };

/**
 * Security notice for a change an admin made to a key, always sent (whatever the key's toggle) to
 * the admin responsible for the key. Called inside the change's transaction, beside its audit entry.
 */
export async function queueKeyChangeNotice(tx: Tx, { apiKeyId, actor, at, ...change }: KeyChange & { apiKeyId: string; actor: ActorRef; at: Date }): Promise<void> {
  const target = (await findNoticeTargets(tx, { keyIds: [apiKeyId], includeDeleted: true })).get(apiKeyId);
  if (!target?.securityRecipient) return;
  const { key, keyUrl } = keyOf(target);
  const content =
    change.change === 'rotated'
      ? renderKeyRotated({ key, keyUrl, at, actor, previousHint: change.previousHint, graceUntil: change.graceUntil })
      : change.change === 'permissions_widened'
        ? renderPermissionsWidened({ key, keyUrl, at, actor, from: change.from, to: change.to })
        : renderKeyStatusNotice({ key, keyUrl, change: change.change, at, actor });
  const kind = `key_${change.change}` as const;
  await enqueueMail(tx, [noticeMail(target, { kind, dedupeKey: `${kind}:${apiKeyId}:${at.toISOString()}`, recipient: target.securityRecipient, content })]);
}
