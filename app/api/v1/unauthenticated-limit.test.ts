import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeDatabase } from '@/db/index';
import * as lookup from '@/db/queries/api-key-lookup';
import { generateApiKey } from '@/lib/api-keys';
import { stopApiKeyInvalidation, startApiKeyInvalidation } from '@/lib/api-keys/key-invalidation';
import { flushUsage } from '@/lib/api/usage-recorder';
import { rateLimiter } from '@/lib/rate-limit/limiter';
import { callRoute, createTestKey } from '@/test/api';
import { createTestCommunity } from '@/test/db';
import * as me from './me/route';

// Read on first use of the configuration, which no test has made yet in this file's process.
process.env.UNAUTHENTICATED_RATE_LIMIT = '3';

let community: Awaited<ReturnType<typeof createTestCommunity>>;
beforeAll(async () => {
  community = await createTestCommunity();
  await startApiKeyInvalidation();
  // As at a server's start: the counters are on Redis (when configured) before the first call.
  await vi.waitFor(() => expect(rateLimiter().store()).toBe(process.env.REDIS_URL ? 'redis' : 'memory'), { timeout: 10_000 });
});
afterAll(async () => {
  await flushUsage();
  await rateLimiter().close();
  await stopApiKeyInvalidation();
  await closeDatabase();
});

const call = (ip: string, key?: string) => callRoute(me.GET, { path: '/api/v1/me', ip, key });
let next = 1;
const freshIp = () => `198.51.100.${next++}`;

describe('calls without a valid key, per client IP', () => {
  it('missing, malformed and unknown keys count together; past the limit: 429 with Retry-After', async () => {
    const ip = freshIp();
    const made = generateApiKey('test').key;
    expect((await call(ip)).json.error.code).toBe('missing_key');
    expect((await call(ip, 'not-a-key')).json.error.code).toBe('invalid_key');
    expect((await call(ip, made)).json.error.code).toBe('invalid_key');
    const refused = await call(ip, made);
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe('rate_limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Another address is not affected.
    expect((await call(freshIp())).json.error.code).toBe('missing_key');
  });

  it('past the limit, a key not in the cache is not looked up; a warm valid key still works', async () => {
    const ip = freshIp();
    const valid = await createTestKey({ communityId: community.communityId, createdById: community.admin.id });
    expect((await call(ip, valid.key)).status).toBe(200); // now cached
    for (let i = 0; i < 3; i++) await call(ip);
    const query = vi.spyOn(lookup, 'findApiKeyRowByHash');
    expect((await call(ip, generateApiKey('test').key)).status).toBe(429);
    expect(query).not.toHaveBeenCalled();
    expect((await call(ip, valid.key)).status).toBe(200);
  });
});
