// What a leak report leaves behind on a key, as the key page, the audit log and the mailbox read it.
import { asc, eq } from 'drizzle-orm';
import { getDb } from '@/db/index';
import { apiKeyLeakReports, apiKeys, auditLog, mailOutbox } from '@/db/schema';

export async function leakStateOf(apiKeyId: string) {
  const db = getDb();
  const [[key], audit, mail, reports] = await Promise.all([
    db.select({ status: apiKeys.status, disabledById: apiKeys.disabledById }).from(apiKeys).where(eq(apiKeys.id, apiKeyId)),
    db.select().from(auditLog).where(eq(auditLog.apiKeyId, apiKeyId)).orderBy(asc(auditLog.createdAt)),
    db.select().from(mailOutbox).where(eq(mailOutbox.apiKeyId, apiKeyId)).orderBy(asc(mailOutbox.createdAt)),
    db.select().from(apiKeyLeakReports).where(eq(apiKeyLeakReports.apiKeyId, apiKeyId)),
  ]);
  // Creating a key writes its own audit entry; only what came after matters here.
  const changes = audit.filter((entry) => entry.action !== 'api_key.created');
  return { status: key.status, disabledById: key.disabledById, audit: changes, mail, reports };
}

/** Nothing happened to the key: still enabled, no audit entry but its creation, no mail, no report. */
export const UNTOUCHED = { status: 'enabled', audit: [], mail: [], reports: [] };
