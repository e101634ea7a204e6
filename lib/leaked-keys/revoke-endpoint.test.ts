import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase } from '@/db/index';
import { generateApiKey } from '@/lib/api-keys';
import { flushUsage } from '@/lib/api/usage-recorder';
import { rateLimiter } from '@/lib/rate-limit/limiter';
import { callRoute, createTestKey, setTestKeyStatus } from '@/test/api';
import { createTestCommunity } from '@/test/db';
import { leakStateOf, UNTOUCHED } from './__fixtures__/leak-state';
import { answerRevokeRequest } from './revoke-endpoint';

// Read on the configuration's first use, which no test has made yet in this file's process.
process.env.UNAUTHENTICATED_RATE_LIMIT = '4';

let community: Awaited<ReturnType<typeof createTestCommunity>>;
beforeAll(async () => {
  community = await createTestCommunity();
});
afterAll(async () => {
  await flushUsage();
  await rateLimiter().close();
  await closeDatabase();
});

let next = 1;
const freshIp = () => `203.0.113.${next++}`;
const newKey = () => createTestKey({ communityId: community.communityId, createdById: community.admin.id });

/** Calls the endpoint as the route does; the work Next would run after the answer is collected, to await. */
async function revoke(body: string, { ip = freshIp(), contentType = 'application/json' } = {}) {
  const later: (() => Promise<void>)[] = [];
  const route = (request: Request) => answerRevokeRequest(request, (task) => later.push(task));
  const answer = await callRoute(route, { path: '/api/credentials/revoke', method: 'POST', body, ip, headers: { 'content-type': contentType } });
  return { ...answer, afterwards: () => Promise.all(later.map((task) => task())) };
}
const credentials = (...tokens: string[]) => JSON.stringify({ credentials: tokens });

describe('a public revoke request', () => {
  it('answers 202 the same way for real and made-up credentials, before looking any up; then the real key is revoked', async () => {
    const key = await newKey();
    const ip = freshIp();
    const real = await revoke(credentials('made-up', generateApiKey('test').key, key.key), { ip });
    const fake = await revoke(credentials('made-up', generateApiKey('test').key));
    expect([real.status, real.json]).toEqual([fake.status, fake.json]);
    expect(real.status).toBe(202);
    expect((await leakStateOf(key.id)).status).toBe('enabled');
    await real.afterwards();
    const state = await leakStateOf(key.id);
    expect(state.status).toBe('disabled');
    expect(state.audit.map((entry) => [entry.action, entry.actorId, entry.ip])).toEqual([['api_key.revoked_by_report', null, ip]]);
    expect(state.mail.map((m) => m.kind)).toEqual(['key_reported_leaked']);
    expect(state.mail[0].textBody).toContain(ip);
  });

  it('is idempotent: a key revoked before, or reported twice at once, gets one audit entry and one notice', async () => {
    const key = await newKey();
    const both = await Promise.all([revoke(credentials(key.key, key.key)), revoke(credentials(key.key))]);
    await Promise.all(both.map((answer) => answer.afterwards()));
    await (await revoke(credentials(key.key))).afterwards();
    const state = await leakStateOf(key.id);
    expect(state.audit).toHaveLength(1);
    expect(state.mail).toHaveLength(1);
  });

  it('a deleted key: 202, and nothing', async () => {
    const key = await newKey();
    await setTestKeyStatus(key, 'deleted', community.admin);
    const answer = await revoke(credentials(key.key));
    await answer.afterwards();
    expect(answer.status).toBe(202);
    expect((await leakStateOf(key.id)).reports).toEqual([]);
  });

  const refusals: [string, number, string, (token: string) => ReturnType<typeof revoke>][] = [
    ['not JSON', 400, 'invalid_json', (token) => revoke(`{"credentials":["${token}"]`)],
    ['not {credentials: […]}', 400, 'validation_failed', (token) => revoke(JSON.stringify([token]))],
    ['no credentials', 400, 'validation_failed', () => revoke(credentials())],
    ['1,001 credentials', 400, 'validation_failed', (token) => revoke(credentials(...Array.from({ length: 1_001 }, () => token)))],
    ['2 MiB', 413, 'payload_too_large', (token) => revoke(credentials(token, 'x'.repeat(2 * 1024 * 1024)))],
    ['not sent as JSON', 415, 'unsupported_media_type', (token) => revoke(credentials(token), { contentType: 'text/plain' })],
  ];

  it.each(refusals)('%s → %i %s, and nothing changes', async (_, status, code, send) => {
    const key = await newKey();
    const answer = await send(key.key);
    await answer.afterwards();
    expect([answer.status, answer.json.error.code]).toEqual([status, code]);
    expect(await leakStateOf(key.id)).toMatchObject(UNTOUCHED);
  });

  it('is limited per client IP: past the limit, 429 with Retry-After and nothing is looked at', async () => {
    const key = await newKey();
    const ip = freshIp();
    for (let i = 0; i < 4; i++) expect((await revoke(credentials('made-up'), { ip })).status).toBe(202);
    const refused = await revoke(credentials(key.key), { ip });
    await refused.afterwards();
    expect([refused.status, refused.json.error.code]).toEqual([429, 'rate_limited']);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await leakStateOf(key.id)).toMatchObject(UNTOUCHED);
    expect((await revoke(credentials('made-up'))).status).toBe(202);
  });
});
