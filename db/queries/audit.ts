import 'server-only';
import { and, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AuditAction } from '@/lib/audit-actions';
import { getDb, type Tx } from '../index';
import { apiKeys, auditLog, users } from '../schema';
import type { KeyIds } from './key-search';
import { pageWindow } from './page-window';

export type { AuditAction };

/**
 * Always called inside the transaction that makes the change, so the log never disagrees with the
 * data. `actorId` is null when no admin acted (a leak report: the action names the reporter).
 */
export async function writeAudit(
  tx: Tx,
  entry: { communityId: string; actorId: string | null; action: AuditAction; apiKeyId?: string; ip: string | null; details?: Record<string, unknown> },
) {
  await tx.insert(auditLog).values({ ...entry, details: entry.details ?? {} });
}

export const MAX_AUDIT_PAGE_SIZE = 100;

/** `keyIds` are the keys a Key search named (`keyFilter` in db/queries/key-search.ts). */
export type AuditLogFilter = { communityId: string; keyIds?: KeyIds; action?: AuditAction };

function auditLogWhere({ communityId, keyIds, action }: AuditLogFilter): SQL | undefined {
  return and(
    eq(auditLog.communityId, communityId),
    keyIds === undefined ? undefined : inArray(auditLog.apiKeyId, keyIds),
    action === undefined ? undefined : eq(auditLog.action, action),
  );
}

/**
 * One page of the community's audit log, newest first, with the actor and key of each entry.
 * Always scoped to `communityId`: a key of another community yields nothing.
 */
export async function listAuditLog(opts: AuditLogFilter & { page: number; pageSize: number }) {
  const { limit, offset } = pageWindow(opts, MAX_AUDIT_PAGE_SIZE);

  const where = auditLogWhere(opts);
  const db = getDb();
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: auditLog.id,
        createdAt: auditLog.createdAt,
        action: auditLog.action,
        actorName: users.name,
        actorEmail: users.email,
        apiKeyId: auditLog.apiKeyId,
        keyName: apiKeys.name,
        keyHint: apiKeys.hint,
        keyDeleted: sql<boolean>`(${apiKeys.deletedAt} is not null)`,
        ip: auditLog.ip,
        details: auditLog.details,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      // The key must belong to the same community as the entry, even if a row said otherwise.
      .leftJoin(apiKeys, and(eq(apiKeys.id, auditLog.apiKeyId), eq(apiKeys.communityId, auditLog.communityId)))
      .where(where)
      .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
      .limit(limit)
      .offset(offset),
    db.select({ total: count() }).from(auditLog).where(where),
  ]);
  return { rows, total };
}

export type AuditLogRow = Awaited<ReturnType<typeof listAuditLog>>['rows'][number];
