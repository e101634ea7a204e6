// Shared by the notice tests: usage batches written exactly as the recorder writes them.
import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { getDb } from '@/db/index';
import type { UsageRow } from '@/db/queries/api-requests';
import { mailOutbox } from '@/db/schema';
import { writeUsageBatch } from '@/lib/api/usage-writer';

export type Call = Partial<Pick<UsageRow, 'ip' | 'outcome' | 'at' | 'integrationName' | 'userAgent'>>;

export function usageRows(key: { id: string; communityId: string }, calls: Call[]): UsageRow[] {
  return calls.map((call) => ({
    requestId: randomUUID(),
    apiKeyId: key.id,
    communityId: key.communityId,
    at: call.at ?? new Date(),
    method: 'GET',
    path: '/api/v1/me',
    status: (call.outcome ?? 'ok') === 'ok' ? 200 : 403,
    outcome: call.outcome ?? 'ok',
    ip: call.ip === undefined ? '198.51.100.7' : call.ip,
    userAgent: call.userAgent ?? 'curl/8.5.0',
    integrationName: call.integrationName ?? null,
    latencyMs: 3,
  }));
}

/** One recorder batch: usage rows, last use and notices in one transaction. */
export async function writeBatch(rows: UsageRow[]): Promise<UsageRow[]> {
  await writeUsageBatch(rows);
  return rows;
}

export const calls = (n: number, call: Call = {}): Call[] => Array.from({ length: n }, () => call);

/** The key's queued messages, oldest first. */
export function mailOf(apiKeyId: string) {
  return getDb().select().from(mailOutbox).where(and(eq(mailOutbox.apiKeyId, apiKeyId))).orderBy(asc(mailOutbox.createdAt), asc(mailOutbox.kind));
}
