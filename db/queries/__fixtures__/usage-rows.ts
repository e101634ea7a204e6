// Shared by the api-usage query tests: usage rows written as the recorder would, on a fixed clock.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { inArray } from 'drizzle-orm';
import { closeDatabase, getDb } from '../../index';
import { apiRequests } from '../../schema';
import { insertUsageBatch, type UsageRow } from '../api-requests';
import { createTestKey } from '@/lib/api-keys/__fixtures__/test-keys';
import { API_ERRORS, type ApiErrorCode } from '@/lib/api/errors';
import { createTestCommunity } from '@/test/db';

export type Scope = { apiKeyId: string; communityId: string };
export type Call = { at: string | Date; outcome?: 'ok' | ApiErrorCode; ip?: string | null; integrationName?: string | null; userAgent?: string | null };

// A fixed clock: bucket boundaries and windows are asserted exactly, whatever the time the suite runs.
export const now = new Date('2031-03-15T10:30:00Z');
export const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

let mine: Awaited<ReturnType<typeof createTestCommunity>>;
let theirs: Awaited<ReturnType<typeof createTestCommunity>>;

export async function newKey(community = mine): Promise<Scope> {
  const key = await createTestKey({ communityId: community.communityId, createdById: community.admin.id });
  return { apiKeyId: key.id, communityId: community.communityId };
}

/**
 * Writes rows through the usage recorder's own batch insert, so the rollups the key page reads
 * are kept as in production; returns the rows' ids in the order given.
 */
export async function record(scope: Scope, calls: Call[]): Promise<number[]> {
  const rows: UsageRow[] = calls.map((call, index) => {
    const outcome = call.outcome ?? 'ok';
    return {
      requestId: randomUUID(),
      apiKeyId: scope.apiKeyId,
      communityId: scope.communityId,
      at: new Date(call.at),
      method: 'GET',
      path: `/api/v1/projects/${index}`,
      status: outcome === 'ok' ? 200 : API_ERRORS[outcome].status,
      outcome,
      ip: call.ip === undefined ? '10.0.0.1' : call.ip,
      userAgent: call.userAgent ?? null,
      integrationName: call.integrationName ?? null,
      latencyMs: 10 + index,
    };
  });
  const db = getDb();
  await db.transaction((tx) => insertUsageBatch(tx, rows));
  const stored = await db
    .select({ id: apiRequests.id, requestId: apiRequests.requestId })
    .from(apiRequests)
    .where(inArray(apiRequests.requestId, rows.map((row) => row.requestId)));
  const ids = new Map(stored.map((row) => [row.requestId, row.id]));
  return rows.map((row) => ids.get(row.requestId) as number);
}

/**
 * The same calls made with another community's key, and again under my key's id but that other
 * community (rows that must never count for me: the community filter applies, not only the key's).
 * Returns the other key as my community would ask for it: it must read as unused.
 */
export async function recordElsewhere(key: Scope, calls: Call[]): Promise<Scope> {
  const other = await newKey(theirs);
  await record(other, calls);
  await record({ apiKeyId: key.apiKeyId, communityId: other.communityId }, calls);
  return { apiKeyId: other.apiKeyId, communityId: key.communityId };
}
/** The buckets with any request, by position, their start as text. */
export const nonZero = (series: ({ start: Date } & Record<string, number | Date>)[]) =>
  series.flatMap(({ start, ...counts }, index) => (Object.values(counts).some(Boolean) ? [{ index, start: start.toISOString(), ...counts }] : []));

/** Registers the suite's set-up: two communities (mine and another), and closing the database. */
export function setUpUsageFixtures(): void {
  beforeAll(async () => {
    mine = await createTestCommunity();
    theirs = await createTestCommunity();
  });
  afterAll(async () => {
    await closeDatabase();
  });
}
