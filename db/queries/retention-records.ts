import 'server-only';
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../index';
import { auditLog, communities, mailOutbox } from '../schema';
import { deleteSome } from './delete-some';

/**
 * Retention of mail and audit entries (lib/retention/), at most `limit` rows a statement.
 * `communityId` narrows a statement to one community: test files sharing one database.
 */
type RecordBatch = { db: Db; before: Date; limit: number; communityId?: string };

/**
 * The community, or every one: naming them lets the planner walk the (community, created) index
 * per community over old rows only, instead of the whole table (0.05 ms against 54 ms for
 * 100 000 audit entries).
 */
function inCommunities(db: Db, column: PgColumn, communityId?: string) {
  return communityId ? eq(column, communityId) : inArray(column, db.select({ id: communities.id }).from(communities));
}

/** Mail sent before `before`. The status is a literal so the partial index mail_outbox_sent_idx applies. */
export function deleteSentMail({ db, before, limit, communityId }: RecordBatch): Promise<number> {
  const sent = and(sql`${mailOutbox.status} = 'sent'`, lt(mailOutbox.sentAt, before), communityId ? eq(mailOutbox.communityId, communityId) : undefined);
  return deleteSome(db, mailOutbox, sent, limit, mailOutbox.sentAt);
}

/** Mail given up on (failed) that was queued before `before`; pending and sending mail is never touched. */
export function deleteFailedMail({ db, before, limit, communityId }: RecordBatch): Promise<number> {
  const failed = and(inCommunities(db, mailOutbox.communityId, communityId), lt(mailOutbox.createdAt, before), sql`${mailOutbox.status} = 'failed'`);
  return deleteSome(db, mailOutbox, failed, limit);
}

/** Audit entries written before `before` (only when AUDIT_RETENTION_DAYS is set). */
export function deleteOldAuditEntries({ db, before, limit, communityId }: RecordBatch): Promise<number> {
  const old = and(inCommunities(db, auditLog.communityId, communityId), lt(auditLog.createdAt, before));
  return deleteSome(db, auditLog, old, limit);
}
