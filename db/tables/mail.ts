import { sql } from 'drizzle-orm';
import { index, integer, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns';
import { communityId, users } from './community';
import { apiKeys } from './keys';

export const mailStatus = pgEnum('mail_status', ['pending', 'sending', 'sent', 'failed']);
export const mailDelivery = pgEnum('mail_delivery', ['resend', 'mailbox']);

/**
 * Every e-mail is a row here first, written in the transaction that causes it; the outbox worker
 * delivers it (Resend, or the local mailbox without RESEND_API_KEY), retrying with backoff.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: id(),
    communityId: communityId(),
    apiKeyId: uuid('api_key_id').references(() => apiKeys.id),
    /** A MAIL_KINDS key (lib/email/mail-kinds.ts): first_use, key_disabled, key_permissions_widened, … */
    kind: text('kind').notNull(),
    /** The same event never queues two messages (e.g. two instances closing one digest window). */
    dedupeKey: text('dedupe_key').notNull().unique(),
    recipientId: uuid('recipient_id').references(() => users.id),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body').notNull(),
    status: mailStatus('status').notNull().default('pending'),
    delivery: mailDelivery('delivery'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** A worker's claim on a row being sent; past it, another worker may take the row over. */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    providerId: text('provider_id'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('mail_outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.status} in ('pending', 'sending')`),
    index('mail_outbox_community_created_idx').on(t.communityId, t.createdAt),
    // Retention prunes sent mail by age.
    index('mail_outbox_sent_idx').on(t.sentAt).where(sql`${t.status} = 'sent'`),
  ],
);
