import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { getDb } from '@/db/index';
import { apiRequests } from '@/db/schema';
import { createTestKey } from '@/lib/api-keys/__fixtures__/test-keys';
import { createTestCommunity } from '@/test/db';
import type { RetentionSettings } from '../cutoffs';
import type { RetentionOptions } from '../run-retention';

export type Community = Awaited<ReturnType<typeof createTestCommunity>>;

const DAY_MS = 86_400_000;
export const now = new Date();
/** `days` days before the run's now. */
export const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);

export const defaults: RetentionSettings = { USAGE_RETENTION_DAYS: 90, ROLLUP_RETENTION_DAYS: 400, MAIL_RETENTION_DAYS: 30, AUDIT_RETENTION_DAYS: undefined };

/** A run over this community only, with batches of 3 rows and pages of 2 keys, so a few rows span several statements. */
export const smallRun = (community: Community, options: RetentionOptions = {}): RetentionOptions => ({
  now,
  settings: defaults,
  communityId: community.communityId,
  batchSize: 3,
  keyPageSize: 2,
  pause: async () => {},
  ...options,
});

export const newKey = (community: Community) => createTestKey({ communityId: community.communityId, createdById: community.admin.id });

/** Raw usage rows of a key, recorded in the order given (the recorder writes them as they happen). */
export async function recordRequests(community: Community, apiKeyId: string, times: Date[]): Promise<void> {
  await getDb()
    .insert(apiRequests)
    .values(
      times.map((at) => ({
        requestId: randomUUID(),
        apiKeyId,
        communityId: community.communityId,
        at,
        method: 'GET',
        path: '/api/v1/me',
        status: 200,
        outcome: 'ok',
        ip: '203.0.113.7',
        userAgent: 'retention-test',
        integrationName: null,
        latencyMs: 1,
      })),
    );
}

export async function requestTimes(community: Community): Promise<Date[]> {
  const rows = await getDb().select({ at: apiRequests.at }).from(apiRequests).where(eq(apiRequests.communityId, community.communityId)).orderBy(asc(apiRequests.id));
  return rows.map((row) => row.at);
}
