import 'server-only';
import { and, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { MailKind } from '@/lib/email/mail-kinds';
import { isUuid } from '@/lib/is-uuid';
import { getDb } from '../index';
import { apiKeys, mailOutbox } from '../schema';
import type { KeyIds } from './key-search';
import { pageWindow } from './page-window';

export const MAX_MAILBOX_PAGE_SIZE = 100;

/** What the list and the message page show of each message; the bodies only on the message page. */
const summary = {
  id: mailOutbox.id,
  createdAt: mailOutbox.createdAt,
  kind: mailOutbox.kind,
  subject: mailOutbox.subject,
  toAddress: mailOutbox.toAddress,
  status: mailOutbox.status,
  delivery: mailOutbox.delivery,
  attempts: mailOutbox.attempts,
  nextAttemptAt: mailOutbox.nextAttemptAt,
  lastError: mailOutbox.lastError,
  sentAt: mailOutbox.sentAt,
  apiKeyId: mailOutbox.apiKeyId,
  keyName: apiKeys.name,
  keyHint: apiKeys.hint,
  keyDeleted: sql<boolean>`(${apiKeys.deletedAt} is not null)`,
};

// The key must belong to the message's community, even if a row said otherwise.
const keyOfMessage = and(eq(apiKeys.id, mailOutbox.apiKeyId), eq(apiKeys.communityId, mailOutbox.communityId));

/**
 * One page of the community's mailbox, newest first, with the key each message is about (a
 * deleted key still names it). Always scoped to `communityId`. `keyIds` are the keys a Key search
 * named (`keyFilter` in db/queries/key-search.ts).
 */
export async function listMailbox(opts: { communityId: string; page: number; pageSize: number; kind?: MailKind; keyIds?: KeyIds }) {
  const { limit, offset } = pageWindow(opts, MAX_MAILBOX_PAGE_SIZE);
  const { communityId, kind, keyIds } = opts;
  const where = and(
    eq(mailOutbox.communityId, communityId),
    kind === undefined ? undefined : eq(mailOutbox.kind, kind),
    keyIds === undefined ? undefined : inArray(mailOutbox.apiKeyId, keyIds),
  );
  const db = getDb();
  const [rows, [{ total }]] = await Promise.all([
    db
      .select(summary)
      .from(mailOutbox)
      .leftJoin(apiKeys, keyOfMessage)
      .where(where)
      .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
      .limit(limit)
      .offset(offset),
    db.select({ total: count() }).from(mailOutbox).where(where),
  ]);
  return { rows, total };
}

export type MailboxRow = Awaited<ReturnType<typeof listMailbox>>['rows'][number];

/** One message of this community, both parts; another community's message is not found. */
export async function findMailMessage({ communityId, id }: { communityId: string; id: string }) {
  if (!isUuid(id)) return null;
  const [row] = await getDb()
    .select({ ...summary, textBody: mailOutbox.textBody, htmlBody: mailOutbox.htmlBody, providerId: mailOutbox.providerId })
    .from(mailOutbox)
    .leftJoin(apiKeys, keyOfMessage)
    .where(and(eq(mailOutbox.id, id), eq(mailOutbox.communityId, communityId)));
  return row ?? null;
}

export type MailMessageDetails = NonNullable<Awaited<ReturnType<typeof findMailMessage>>>;
