import type { NewMail } from '@/db/queries/mail-outbox';
import type { NoticeTarget } from '@/db/queries/notice-targets';
import { keyPageUrl } from './links';
import type { KeyRef, MailContent, MailKind } from './mail-kinds';

/** How every notice names its key (never the secret) and links to it. */
export function keyOf(target: NoticeTarget): { key: KeyRef; keyUrl: string } {
  return {
    key: { id: target.id, name: target.name, hint: target.hint, communityName: target.communityName },
    keyUrl: keyPageUrl(target.id),
  };
}

/** One outbox row about a key, for one recipient. */
export function noticeMail(
  target: NoticeTarget,
  { kind, dedupeKey, recipient, content }: { kind: MailKind; dedupeKey: string; recipient: { id: string; email: string }; content: MailContent },
): NewMail {
  return {
    communityId: target.communityId,
    apiKeyId: target.id,
    kind,
    dedupeKey,
    recipientId: recipient.id,
    toAddress: recipient.email,
    ...content,
  };
}
