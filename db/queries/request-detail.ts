import 'server-only';
import { and, eq } from 'drizzle-orm';
import { USAGE_TEXT_LIMITS } from '@/lib/api/usage-record';
import { getDb } from '../index';
import { apiKeys, apiRequests } from '../schema';
import { REQUEST_COLUMNS } from './request-log';

/**
 * One recorded request by its id, for the request detail view and "Find a request by ID": a
 * single probe of the unique request_id index, filtered by the admin's community (another
 * community's request reads as not found) and, when given, by the key. The key's name comes
 * along so a request made with another key of the community can be pointed to.
 */
export async function findRequest({ requestId, communityId, apiKeyId }: { requestId: string; communityId: string; apiKeyId?: string }) {
  if (requestId === '' || requestId.length > USAGE_TEXT_LIMITS.requestId) return null;
  const [row] = await getDb()
    .select({ ...REQUEST_COLUMNS, apiKeyId: apiKeys.id, keyName: apiKeys.name })
    .from(apiRequests)
    // Inner join: a request made without a known key (missing or invalid) belongs to no key page.
    .innerJoin(apiKeys, and(eq(apiKeys.id, apiRequests.apiKeyId), eq(apiKeys.communityId, communityId)))
    .where(and(eq(apiRequests.requestId, requestId), eq(apiRequests.communityId, communityId), apiKeyId ? eq(apiRequests.apiKeyId, apiKeyId) : undefined))
    .limit(1);
  return row ?? null;
}

export type RequestDetail = NonNullable<Awaited<ReturnType<typeof findRequest>>>;
