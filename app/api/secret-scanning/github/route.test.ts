import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeDatabase } from '@/db/index';
import { generateApiKey, hashApiKey } from '@/lib/api-keys';
import { startApiKeyInvalidation, stopApiKeyInvalidation } from '@/lib/api-keys/key-invalidation';
import { flushUsage } from '@/lib/api/usage-recorder';
import { leakStateOf, UNTOUCHED } from '@/lib/leaked-keys/__fixtures__/leak-state';
import { rateLimiter } from '@/lib/rate-limit/limiter';
import { callRoute, createTestKey, setTestKeyStatus } from '@/test/api';
import { createTestCommunity } from '@/test/db';
import { startFakeGithubKeys, type FakeGithubKeys, type FakeSigner } from '@/test/fake-github-keys';
import * as leakReports from '@/db/queries/leak-reports';
import * as me from '../../v1/me/route';
import * as route from './route';

vi.mock('@/db/queries/leak-reports', async (importOriginal) => {
  const original = await importOriginal<typeof leakReports>();
  return { ...original, findReportedSecrets: vi.fn(original.findReportedSecrets) };
});

// Read on the configuration's first use, which no test has made yet in this file's process.
process.env.UNAUTHENTICATED_RATE_LIMIT = '5';

let fake: FakeGithubKeys;
let github: FakeSigner;
let community: Awaited<ReturnType<typeof createTestCommunity>>;
beforeAll(async () => {
  fake = await startFakeGithubKeys();
  process.env.SECRET_SCANNING_KEYS_URL = fake.url;
  github = fake.addSigner();
  community = await createTestCommunity();
  await startApiKeyInvalidation();
});
afterAll(async () => {
  await flushUsage();
  await rateLimiter().close();
  await stopApiKeyInvalidation();
  await closeDatabase();
  await fake.stop();
});

let next = 1;
const freshIp = () => `192.0.2.${next++}`;
const newKey = () => createTestKey({ communityId: community.communityId, createdById: community.admin.id });
const found = (token: string) => ({ token, type: 'integration_center_api_key', url: 'https://github.com/octo/app/blob/1a2b3c/.env', source: 'commit' });

/** A report as GitHub sends it: the raw body, signed by `signer` unless headers are given. */
function send(body: string, { signer = github, headers, ip = freshIp() }: { signer?: FakeSigner; headers?: Record<string, string>; ip?: string } = {}) {
  return callRoute(route.POST, { path: '/api/secret-scanning/github', method: 'POST', body, ip, headers: headers ?? signer.headers(body) });
}
const report = (tokens: string[], options?: Parameters<typeof send>[1]) => send(JSON.stringify(tokens.map(found)), options);

describe('a signed report', () => {
  it('labels each token by its hash, in order, and disables the real key everywhere at once', async () => {
    const key = await newKey();
    expect((await callRoute(me.GET, { path: '/api/v1/me', key: key.key })).status).toBe(200);
    const foreign = ['ghp_0123456789abcdefABCDEF0123456789abcd', generateApiKey('test').key, `${key.key.slice(0, -1)}x`];
    const answer = await report([foreign[0], key.key, foreign[1], foreign[2]]);
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual(
      [foreign[0], key.key, foreign[1], foreign[2]].map((token) => ({
        token_hash: hashApiKey(token),
        token_type: 'integration_center_api_key',
        label: token === key.key ? 'true_positive' : 'false_positive',
      })),
    );
    expect((await leakStateOf(key.id)).status).toBe('disabled');
    await vi.waitFor(async () => expect((await callRoute(me.GET, { path: '/api/v1/me', key: key.key })).json.error.code).toBe('key_disabled'), { timeout: 10_000 });
  });

  it('reported twice at once: both answered true_positive, one audit entry and one notice', async () => {
    const key = await newKey();
    const body = JSON.stringify([found(key.key), found(key.key)]);
    const answers = await Promise.all([send(body), send(body)]);
    for (const answer of answers) expect(answer.json.map((item: { label: string }) => item.label)).toEqual(['true_positive', 'true_positive']);
    const state = await leakStateOf(key.id);
    expect(state.audit.map((entry) => entry.action)).toEqual(['api_key.reported_leaked']);
    expect(state.mail.map((m) => m.kind)).toEqual(['key_reported_leaked']);
  });

  it('a disabled key is a real credential (true_positive, nothing changes but the notice); a deleted one is not', async () => {
    const [disabled, deleted] = [await newKey(), await newKey()];
    await setTestKeyStatus(disabled, 'disabled', community.admin);
    await setTestKeyStatus(deleted, 'deleted', community.admin);
    const answer = await report([disabled.key, deleted.key]);
    expect(answer.json.map((item: { label: string }) => item.label)).toEqual(['true_positive', 'false_positive']);
    expect((await leakStateOf(disabled.id)).mail.map((m) => m.kind)).toEqual(['key_disabled', 'key_reported_leaked']);
    expect((await leakStateOf(deleted.id)).reports).toEqual([]);
  });

  it('answers 1,000 tokens, one lookup for all of them', async () => {
    const key = await newKey();
    const tokens = Array.from({ length: 1_000 }, (_, i) => (i === 500 ? key.key : generateApiKey('test').key));
    const lookups = vi.mocked(leakReports.findReportedSecrets);
    lookups.mockClear();
    const answer = await report(tokens);
    expect(lookups).toHaveBeenCalledTimes(1);
    expect(lookups.mock.calls[0][0].hashes).toHaveLength(1_000);
    expect(answer.status).toBe(200);
    expect(answer.json).toHaveLength(1_000);
    expect(answer.json.filter((item: { label: string }) => item.label === 'true_positive')).toEqual([{ token_hash: key.hash, token_type: 'integration_center_api_key', label: 'true_positive' }]);
  });

  it('records the report in the key’s request log, from GitHub’s address', async () => {
    const key = await newKey();
    const ip = freshIp();
    await report([key.key], { ip });
    await flushUsage();
    const { requestLog } = await import('@/db/queries/request-log');
    const log = await requestLog({ apiKeyId: key.id, communityId: community.communityId, filter: 'all' });
    expect(log.rows.map((row) => [row.path, row.outcome, row.ip])).toEqual([['/api/secret-scanning/github', 'reported_leaked', ip]]);
  });
});

describe('a report that is not what GitHub sends changes nothing', () => {
  const unpublished = () => fake.addSigner({ publish: false });
  const body = (token: string) => JSON.stringify([found(token)]);
  const cases: [string, number, string, (token: string) => Promise<{ status: number; json: { error: { code: string; requestId: string } } }>][] = [
    ['unsigned', 401, 'missing_signature', (token) => send(body(token), { headers: { 'content-type': 'application/json' } })],
    ['signed by another key under GitHub’s identifier', 401, 'invalid_signature', (token) => send(body(token), { headers: { ...github.headers(body(token)), 'github-public-key-signature': unpublished().sign(body(token)) } })],
    ['signed with a key GitHub does not publish', 401, 'unknown_public_key', (token) => send(body(token), { signer: unpublished() })],
    ['signed over a different body', 401, 'invalid_signature', (token) => send(body(token), { headers: github.headers(body(token).replace('commit', 'content')) })],
    ['with a truncated signature', 401, 'invalid_signature', (token) => send(body(token), { headers: { ...github.headers(body(token)), 'github-public-key-signature': github.sign(body(token)).slice(0, 40) } })],
    ['signed, but not an array', 400, 'validation_failed', (token) => send(JSON.stringify(found(token)))],
    ['signed, but not JSON', 400, 'invalid_json', (token) => send(`${body(token)}]`)],
    ['signed, with 1,001 tokens', 400, 'validation_failed', (token) => report(Array.from({ length: 1_001 }, () => token))],
    ['signed, 2 MiB', 413, 'payload_too_large', (token) => send(JSON.stringify([found(token), { ...found(token), url: 'x'.repeat(2 * 1024 * 1024) }]))],
  ];

  it.each(cases)('%s → %i %s', async (_, status, code, sendIt) => {
    const key = await newKey();
    const answer = await sendIt(key.key);
    expect([answer.status, answer.json.error.code]).toEqual([status, code]);
    expect(answer.json.error.requestId).toEqual(expect.any(String));
    expect(await leakStateOf(key.id)).toMatchObject(UNTOUCHED);
  });

  it('a key GitHub rotated out before it was ever fetched is unknown', async () => {
    const rotated = fake.addSigner();
    fake.unpublish(rotated);
    const key = await newKey();
    expect((await report([key.key], { signer: rotated })).json.error.code).toBe('unknown_public_key');
    expect(await leakStateOf(key.id)).toMatchObject(UNTOUCHED);
  });

  it('refused calls count against the address; past the limit even a signed report waits (429), and signed ones never count', async () => {
    const key = await newKey();
    const [noisy, busy] = [freshIp(), freshIp()];
    for (let i = 0; i < 5; i++) expect((await send('[]', { headers: {}, ip: noisy })).status).toBe(401);
    const refused = await report([key.key], { ip: noisy });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await leakStateOf(key.id)).toMatchObject(UNTOUCHED);
    for (let i = 0; i < 8; i++) expect((await report([generateApiKey('test').key], { ip: busy })).status).toBe(200);
  });

  it('other methods get a JSON 405', async () => {
    const answer = await callRoute(route.GET, { path: '/api/secret-scanning/github' });
    expect([answer.status, answer.json.error.code]).toEqual([405, 'method_not_allowed']);
  });
});
