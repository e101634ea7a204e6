import 'server-only';
import { and, asc, count, desc, eq, exists, sql, type SQL } from 'drizzle-orm';
import { isUuid } from '@/lib/is-uuid';
import type { AuditAction } from '@/lib/audit-actions';
import { getDb, type Tx } from '../index';
import { apiKeys, auditLog, users } from '../schema';
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

export type AuditLogFilter = { communityId: string; apiKeyId?: string; action?: AuditAction };

function auditLogWhere({ communityId, apiKeyId, action }: AuditLogFilter): SQL | undefined {
  return and(
    eq(auditLog.communityId, communityId),
    apiKeyId === undefined ? undefined : eq(auditLog.apiKeyId, apiKeyId),
    action === undefined ? undefined : eq(auditLog.action, action),
  );
}

/**
 * One page of the community's audit log, newest first, with the actor and key of each entry.
 * Always scoped to `communityId`: a key of another community yields nothing.
 */
export async function listAuditLog(opts: AuditLogFilter & { page: number; pageSize: number }) {
  const { limit, offset } = pageWindow(opts, MAX_AUDIT_PAGE_SIZE);
  if (opts.apiKeyId !== undefined && !isUuid(opts.apiKeyId)) return { rows: [], total: 0 };

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

/** The keys that appear in the community's audit log, deleted ones included (last), for the Key filter. */
export async function auditKeyOptions({ communityId }: { communityId: string }) {
  const db = getDb();
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      hint: apiKeys.hint,
      deleted: sql<boolean>`(${apiKeys.deletedAt} is not null)`,
    })
    .from(apiKeys)
    .where(
      and(
        eq(apiKeys.communityId, communityId),
        exists(
          db
            .select({ one: sql`1` })
            .from(auditLog)
            .where(and(eq(auditLog.apiKeyId, apiKeys.id), eq(auditLog.communityId, communityId))),
        ),
      ),
    )
    .orderBy(sql`${apiKeys.deletedAt} is not null`, asc(sql`lower(${apiKeys.name})`), desc(apiKeys.createdAt));
}

export type AuditKeyOption = Awaited<ReturnType<typeof auditKeyOptions>>[number];
