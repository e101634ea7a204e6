import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { closeDatabase, getDb } from '@/db/index';
import * as lookupQueries from '@/db/queries/api-key-lookup';
import { apiKeys, apiRequests, feedback, projects } from '@/db/schema';
import { flushUsage } from '@/lib/api/usage-recorder';
import { stopApiKeyInvalidation } from '@/lib/api-keys/key-invalidation';
import { callRoute, createTestKey, setTestKeyStatus } from '@/test/api';
import { createTestCommunity } from '@/test/db';
import * as feedbackRoute from './feedback/route';
import * as me from './me/route';
import * as members from './members/route';
import * as projectRoute from './projects/[id]/route';
import * as projectsRoute from './projects/route';

vi.mock('@/db/queries/api-key-lookup', async (importOriginal) => {
  const original = await importOriginal<typeof lookupQueries>();
  return { ...original, findApiKeyRowByHash: vi.fn(original.findApiKeyRowByHash) };
});

let community: Awaited<ReturnType<typeof createTestCommunity>>;
let key: Awaited<ReturnType<typeof createTestKey>>;
let projectId: string;

beforeAll(async () => {
  community = await createTestCommunity();
  key = await createTestKey({ communityId: community.communityId, createdById: community.admin.id, name: 'Main' });
  const [project] = await getDb().insert(projects).values({ communityId: community.communityId, name: 'Project A' }).returning();
  projectId = project.id;
  await getDb().insert(feedback).values({ communityId: community.communityId, projectId, title: 'Seeded', body: 'Hello', kind: 'idea' });
});
afterAll(async () => {
  await flushUsage();
  await stopApiKeyInvalidation();
  await closeDatabase();
});

const newKey = (opts: { ipLimits?: string[] } = {}) => createTestKey({ communityId: community.communityId, createdById: community.admin.id, ...opts });
const code = (result: { json: { error?: { code: string } } }) => result.json.error?.code;

describe('the guard', () => {
  it('answers /me for a valid key, in X-API-Key or Authorization: Bearer', async () => {
    const viaHeader = await callRoute(me.GET, { path: '/api/v1/me', key: key.key });
    expect(viaHeader.status).toBe(200);
    expect(viaHeader.json).toMatchObject({ id: key.id, name: 'Main', prefix: 'test', hint: key.hint, ipLimits: [] });
    expect(JSON.stringify(viaHeader.json)).not.toContain(key.hash);
    expect(viaHeader.headers.get('x-request-id')).toBeTruthy();

    const viaBearer = await callRoute(me.GET, { path: '/api/v1/me', headers: { authorization: `Bearer ${key.key}` } });
    expect(viaBearer.status).toBe(200);
  });

  it.each([
    ['no key', {}, 401, 'missing_key'],
    ['an empty key', { key: '' }, 401, 'missing_key'],
    ['a 10 KB key', { key: 'a'.repeat(10_240) }, 401, 'invalid_key'],
    ['garbage', { key: 'not a key at all' }, 401, 'invalid_key'],
  ])('refuses %s', async (_label, opts, status, expected) => {
    const result = await callRoute(me.GET, { path: '/api/v1/me', ...opts });
    expect(result.status).toBe(status);
    expect(result.json.error).toMatchObject({ code: expected, message: expect.any(String), requestId: expect.any(String) });
  });

  it('refuses a bad checksum and an unknown well-formed key', async () => {
    const last = key.key.at(-1) === 'A' ? 'B' : 'A';
    expect(code(await callRoute(me.GET, { path: '/api/v1/me', key: key.key.slice(0, -1) + last }))).toBe('invalid_key');
    const { key: unknown } = (await import('@/lib/api-keys')).generateApiKey('test');
    expect(code(await callRoute(me.GET, { path: '/api/v1/me', key: unknown }))).toBe('invalid_key');
  });

  it('refuses disabled, expired and deleted keys', async () => {
    const disabled = await newKey();
    await setTestKeyStatus(disabled, 'disabled', community.admin);
    expect(await callRoute(me.GET, { path: '/api/v1/me', key: disabled.key })).toMatchObject({ status: 401, json: { error: { code: 'key_disabled' } } });

    const expired = await newKey();
    await getDb().update(apiKeys).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiKeys.id, expired.id));
    expect(code(await callRoute(me.GET, { path: '/api/v1/me', key: expired.key }))).toBe('key_expired');

    const deleted = await newKey();
    await setTestKeyStatus(deleted, 'deleted', community.admin);
    expect(code(await callRoute(me.GET, { path: '/api/v1/me', key: deleted.key }))).toBe('invalid_key');
  });

  it('applies IP limits to the client IP decided by the edge, IPv4-mapped included', async () => {
    const limited = await newKey({ ipLimits: ['127.0.0.1', '2001:db8::/32'] });
    expect((await callRoute(me.GET, { path: '/api/v1/me', key: limited.key, ip: '127.0.0.1' })).status).toBe(200);
    expect((await callRoute(me.GET, { path: '/api/v1/me', key: limited.key, ip: '2001:db8:5::1' })).status).toBe(200);
    const refused = await callRoute(me.GET, { path: '/api/v1/me', key: limited.key, ip: '127.0.0.2' });
    expect(refused).toMatchObject({ status: 403, json: { error: { code: 'ip_not_allowed' } } });
  });

  it('answers 503, not 401 or 500, when the database is down', async () => {
    const fresh = await newKey();
    const outage = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    vi.mocked(lookupQueries.findApiKeyRowByHash).mockRejectedValueOnce(outage);
    const result = await callRoute(me.GET, { path: '/api/v1/me', key: fresh.key });
    expect(result.status).toBe(503);
    expect(code(result)).toBe('service_unavailable');
    expect(JSON.stringify(result.json)).not.toMatch(/ECONNREFUSED|at .*\.ts/);
    // Not cached: the next call, with the database back, succeeds.
    expect((await callRoute(me.GET, { path: '/api/v1/me', key: fresh.key })).status).toBe(200);
  });
});

describe('endpoints', () => {
  it('lists projects with paging and finds one; an unknown id is a 404', async () => {
    const list = await callRoute(projectsRoute.GET, { path: '/api/v1/projects?page=1&pageSize=1', key: key.key });
    expect(list.json).toMatchObject({ data: [{ id: projectId, name: 'Project A' }], paging: { page: 1, pageSize: 1, total: 1, totalPages: 1 } });

    const one = await callRoute(projectRoute.GET, { path: `/api/v1/projects/${projectId}`, key: key.key, params: { id: projectId } });
    expect(one.json).toMatchObject({ id: projectId, name: 'Project A' });
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const missing = await callRoute(projectRoute.GET, { path: `/api/v1/projects/${id}`, key: key.key, params: { id } });
      expect(missing).toMatchObject({ status: 404, json: { error: { code: 'not_found' } } });
    }
  });

  it('answers other methods with a JSON 405, still guarded', async () => {
    const refused = await callRoute(me.POST, { path: '/api/v1/me', method: 'POST', key: key.key });
    expect(refused).toMatchObject({ status: 405, json: { error: { code: 'method_not_allowed', requestId: expect.any(String) } } });
    expect(code(await callRoute(me.DELETE, { path: '/api/v1/me', method: 'DELETE' }))).toBe('missing_key');
  });

  it.each(['page=-1', 'pageSize=100000', 'page=abc', 'pageSize=0'])('refuses paging %s with per-field messages', async (query) => {
    const result = await callRoute(projectsRoute.GET, { path: `/api/v1/projects?${query}`, key: key.key });
    expect(result.status).toBe(400);
    expect(code(result)).toBe('validation_failed');
    expect(Object.keys(result.json.error.fields)).toEqual([query.split('=')[0]]);
  });

  it('lists only this community’s members', async () => {
    const result = await callRoute(members.GET, { path: '/api/v1/members', key: key.key });
    expect(result.json.paging.total).toBe(2);
    expect(result.json.data.map((m: { email: string }) => m.email).sort()).toEqual([community.admin.email, community.member.email].sort());
  });

  it('lists feedback for a project and needs projectId', async () => {
    const list = await callRoute(feedbackRoute.GET, { path: `/api/v1/feedback?projectId=${projectId}`, key: key.key });
    expect(list.json.data.map((f: { title: string }) => f.title)).toContain('Seeded');
    const missing = await callRoute(feedbackRoute.GET, { path: '/api/v1/feedback', key: key.key });
    expect(missing).toMatchObject({ status: 400, json: { error: { code: 'validation_failed', fields: { projectId: expect.any(Array) } } } });
  });

  describe('POST /feedback', () => {
    const post = (body: BodyInit, contentType = 'application/json') =>
      callRoute(feedbackRoute.POST, { path: '/api/v1/feedback', method: 'POST', key: key.key, headers: { 'content-type': contentType }, body });
    const count = async () => (await getDb().select().from(feedback).where(eq(feedback.projectId, projectId))).length;

    it('creates feedback (201) and returns it', async () => {
      const before = await count();
      const result = await post(JSON.stringify({ projectId, title: 'From the API', body: 'Works', kind: 'bug' }));
      expect(result.status).toBe(201);
      expect(result.json).toMatchObject({ id: expect.any(String), projectId, title: 'From the API', kind: 'bug' });
      expect(await count()).toBe(before + 1);
    });

    it.each([
      ['a non-JSON content type', () => post('title=x', 'application/x-www-form-urlencoded'), 415, 'unsupported_media_type'],
      ['malformed JSON', () => post('{"title": '), 400, 'invalid_json'],
      ['a JSON array', () => post('[1,2]'), 400, 'validation_failed'],
      ['a 2 MiB body', () => post(JSON.stringify({ projectId, title: 'big', body: 'x'.repeat(2 * 1024 * 1024), kind: 'bug' })), 413, 'payload_too_large'],
      ['missing fields', () => post(JSON.stringify({ projectId })), 400, 'validation_failed'],
      ['a bad kind', () => post(JSON.stringify({ projectId, title: 't', body: 'b', kind: 'rant' })), 400, 'validation_failed'],
      ['an unknown project', () => post(JSON.stringify({ projectId: '00000000-0000-4000-8000-000000000000', title: 't', body: 'b', kind: 'bug' })), 404, 'not_found'],
    ])('refuses %s and writes nothing', async (_label, send, status, expected) => {
      const before = await count();
      const result = await send();
      expect(result.status).toBe(status);
      expect(code(result)).toBe(expected);
      expect(await count()).toBe(before);
    });

    it('names each invalid field', async () => {
      const result = await post(JSON.stringify({ projectId: 'x', title: '', kind: 'rant' }));
      expect(Object.keys(result.json.error.fields).sort()).toEqual(['body', 'kind', 'projectId', 'title']);
    });
  });
});

describe('usage recording', () => {
  it('records allowed and denied calls with path, outcome, IP, agent and integration; updates last used', async () => {
    const recorded = await newKey({ ipLimits: ['127.0.0.1'] });
    const headers = { 'user-agent': 'jira-connector/2.1', 'x-integration-name': 'Jira' };
    await callRoute(me.GET, { path: '/api/v1/me?verbose=1', key: recorded.key, ip: '127.0.0.1', headers });
    await callRoute(me.GET, { path: '/api/v1/me', key: recorded.key, ip: '127.0.0.9', headers });
    await flushUsage();

    const rows = await getDb().select().from(apiRequests).where(eq(apiRequests.apiKeyId, recorded.id));
    expect(rows.map((r) => [r.path, r.status, r.outcome, r.ip]).sort()).toEqual([
      ['/api/v1/me', 200, 'ok', '127.0.0.1'],
      ['/api/v1/me', 403, 'ip_not_allowed', '127.0.0.9'],
    ]);
    expect(rows.every((r) => r.userAgent === 'jira-connector/2.1' && r.integrationName === 'Jira' && r.method === 'GET')).toBe(true);
    const [row] = await getDb().select().from(apiKeys).where(eq(apiKeys.id, recorded.id));
    expect(row.lastUsedAt).not.toBeNull();
    expect(row.lastUsedIp).toBe('127.0.0.1'); // the refused call from 127.0.0.9 is not a use
  });
});
