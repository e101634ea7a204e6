import { randomUUID } from 'node:crypto';
import { getDb } from '@/db/index';
import { apiKeys } from '@/db/schema';
import { generateApiKey } from '@/lib/api-keys';
import { NEW_KEY_PERMISSIONS } from '@/lib/api-keys/permissions';
import type { UsageRecord } from '../usage-record';

type Community = { communityId: string; admin: { id: string } };

/** A key of the test's own, so tests (and files sharing Postgres) count only their own rows. */
export async function createUsageKey(community: Community): Promise<string> {
  const generated = generateApiKey('test');
  const [key] = await getDb()
    .insert(apiKeys)
    .values({
      communityId: community.communityId,
      name: `usage ${randomUUID()}`,
      prefix: generated.prefix,
      hash: generated.hash,
      hint: generated.hint,
      permissions: NEW_KEY_PERMISSIONS,
      createdById: community.admin.id,
    })
    .returning({ id: apiKeys.id });
  return key.id;
}

/** One allowed call, as the guard reports it. */
export function usageRecord(communityId: string, apiKeyId: string | null, overrides: Partial<UsageRecord> = {}): UsageRecord {
  return {
    requestId: randomUUID(),
    apiKeyId,
    communityId,
    at: new Date(),
    method: 'GET',
    path: '/api/v1/me',
    status: 200,
    outcome: 'ok',
    ip: '203.0.113.7',
    userAgent: 'usage-test/1.0',
    integrationName: 'Jira sync',
    latencyMs: 3,
    ...overrides,
  };
}
