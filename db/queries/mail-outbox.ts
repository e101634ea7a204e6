import 'server-only';
import type { MailContent, MailKind } from '@/lib/email/mail-kinds';
import type { Db, Tx } from '../index';
import { mailOutbox } from '../schema';

export type NewMail = MailContent & {
  communityId: string;
  apiKeyId: string | null;
  kind: MailKind;
  /** Names the event: queueing the same event twice (a retried batch, two instances) adds nothing. */
  dedupeKey: string;
  recipientId: string | null;
  toAddress: string;
};

/**
 * Queues messages for the outbox worker. Call it inside the transaction that makes the change
 * the message reports, so the message exists exactly when the change does.
 */
export async function enqueueMail(tx: Tx | Db, mails: NewMail[]): Promise<void> {
  if (mails.length === 0) return;
  await tx
    .insert(mailOutbox)
    .values(mails.map(({ text, html, ...mail }) => ({ ...mail, textBody: text, htmlBody: html })))
    .onConflictDoNothing({ target: mailOutbox.dedupeKey });
}
