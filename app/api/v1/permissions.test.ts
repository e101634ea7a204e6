import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { closeDatabase, getDb } from '@/db/index';
import { integrationsSeen, keyImpact } from '@/db/queries/api-usage';
import { apiRequests, feedback, projects } from '@/db/schema';
import { flushUsage } from '@/lib/api/usage-recorder';
import { versionOf } from '@/lib/api-keys/__fixtures__/test-keys';
import { stopApiKeyInvalidation } from '@/lib/api-keys/key-invalidation';
import { editKey } from '@/lib/api-keys/manage-api-key';
import { everywhere, LEVEL_VALUES, type KeyPermissions, type PermissionLevel } from '@/lib/api-keys/permissions';
import { rateLimitFormFields } from '@/lib/api-keys/rate-limit-policy';
import { callRoute, createTestKey } from '@/test/api';
import { createTestCommunity } from '@/test/db';
import * as feedbackRoute from './feedback/route';
import * as me from './me/route';
import * as members from './members/route';
import * as projectRoute from './projects/[id]/route';
import * as projectsRoute from './projects/route';

let community: Awaited<ReturnType<typeof createTestCommunity>>;
let projectId: string;

beforeAll(async () => {
  community = await createTestCommunity();
  const [project] = await getDb().insert(projects).values({ communityId: community.communityId, name: 'Roadmap' }).returning();
  projectId = project.id;
});
afterAll(async () => {
  await flushUsage();
  await stopApiKeyInvalidation();
  await closeDatabase();
});

const keyWith = (permissions: KeyPermissions, opts: { ipLimits?: string[] } = {}) =>
  createTestKey({ communityId: community.communityId, createdById: community.admin.id, permissions, ...opts });
const feedbackCount = async () => (await getDb().select().from(feedback).where(eq(feedback.projectId, projectId))).length;
const postFeedback = (key: string, body = JSON.stringify({ projectId, title: 'From a tool', body: 'Hello', kind: 'idea' })) =>
  callRoute(feedbackRoute.POST, { path: '/api/v1/feedback', method: 'POST', key, headers: { 'content-type': 'application/json' }, body });

type Call = (key: string) => ReturnType<typeof callRoute>;
type RouteCase = { route: string; resource: keyof KeyPermissions | null; needs: PermissionLevel; call: Call; success: number };

/** Every /api/v1 operation with the permission it declares; the guard-coverage test keeps the list honest. */
const ROUTES: RouteCase[] = [
  { route: 'GET /me', resource: null, needs: 'none', success: 200, call: (key) => callRoute(me.GET, { path: '/api/v1/me', key }) },
  { route: 'GET /projects', resource: 'projects', needs: 'read', success: 200, call: (key) => callRoute(projectsRoute.GET, { path: '/api/v1/projects', key }) },
  {
    route: 'GET /projects/{id}',
    resource: 'projects',
    needs: 'read',
    success: 200,
    call: (key) => callRoute(projectRoute.GET, { path: `/api/v1/projects/${projectId}`, key, params: { id: projectId } }),
  },
  { route: 'GET /members', resource: 'members', needs: 'read', success: 200, call: (key) => callRoute(members.GET, { path: '/api/v1/members', key }) },
  {
    route: 'GET /feedback',
    resource: 'feedback',
    needs: 'read',
    success: 200,
    call: (key) => callRoute(feedbackRoute.GET, { path: `/api/v1/feedback?projectId=${projectId}`, key }),
  },
  { route: 'POST /feedback', resource: 'feedback', needs: 'write', success: 201, call: (key) => postFeedback(key) },
];

const LABELS = { projects: 'Projects', members: 'Members', feedback: 'Feedback' };
const NEEDS = { none: '', read: 'Read', write: 'Read and write' };
// Stated, not computed: the test must not share the rule it checks.
const ALLOWED_AT: Record<PermissionLevel, PermissionLevel[]> = { none: ['none', 'read', 'write'], read: ['read', 'write'], write: ['write'] };

// The route's own resource at each level; every other resource at write, so only the one that matters can refuse.
const MATRIX = ROUTES.flatMap((route) => LEVEL_VALUES.map((level) => ({ ...route, level, allowed: ALLOWED_AT[route.needs].includes(level) })));

describe('every route × every level', () => {
  it.each(MATRIX)('$route with $resource at $level → allowed: $allowed', async ({ resource, level, needs, call, success, allowed }) => {
    const permissions = resource ? { ...everywhere('write'), [resource]: level } : everywhere(level);
    const key = await keyWith(permissions);
    const before = await feedbackCount();
    const result = await call(key.key);

    if (allowed) {
      expect(result.status).toBe(success);
    } else {
      expect(result.status).toBe(403);
      expect(result.json.error).toMatchObject({ code: 'insufficient_scope', message: expect.stringContaining(`This key needs ${LABELS[resource!]}: ${NEEDS[needs]}`) });
      expect(await feedbackCount()).toBe(before);
      await flushUsage();
      const [recorded] = await getDb().select().from(apiRequests).where(eq(apiRequests.requestId, result.headers.get('x-request-id')!));
      expect(recorded).toMatchObject({ apiKeyId: key.id, status: 403, outcome: 'insufficient_scope' });
    }
    expect(result.headers.get('x-accepted-permissions')).toBe(resource ? `${resource}=${needs}` : null);
  });
});

describe('the permission check', () => {
  it('/me lists the key’s permissions', async () => {
    const key = await keyWith({ projects: 'read', members: 'none', feedback: 'write' });
    const result = await callRoute(me.GET, { path: '/api/v1/me', key: key.key });
    expect(result.json.permissions).toEqual({ projects: 'read', members: 'none', feedback: 'write' });
  });

  it('comes after state and IP limit, and before the body is read', async () => {
    const readOnly = { ...everywhere('read') };
    const elsewhere = await keyWith(readOnly, { ipLimits: ['10.0.0.1'] });
    expect((await postFeedback(elsewhere.key)).json.error.code).toBe('ip_not_allowed');
    const key = await keyWith(readOnly);
    expect((await postFeedback(key.key, '{"title":')).json.error.code).toBe('insufficient_scope');
  });

  it('an edit granting write reaches the API at once; one taking it away too', async () => {
    const key = await keyWith(everywhere('read'));
    expect((await postFeedback(key.key)).status).toBe(403);
    const edit = async (feedbackLevel: PermissionLevel) =>
      editKey(
        { id: key.id, version: await versionOf(key.id), name: key.name, description: '', ipLimits: '', notifyOnUse: false, permissions: { ...everywhere('read'), feedback: feedbackLevel }, expiry: 'keep', expiresOn: '', ...rateLimitFormFields(null) },
        { user: community.admin, ip: null },
      );
    expect(await edit('write')).toMatchObject({ ok: true });
    await expect.poll(async () => (await postFeedback(key.key)).status, { timeout: 10_000 }).toBe(201);
    expect(await edit('none')).toMatchObject({ ok: true });
    await expect.poll(async () => (await callRoute(feedbackRoute.GET, { path: `/api/v1/feedback?projectId=${projectId}`, key: key.key })).status, { timeout: 10_000 }).toBe(403);
  });

  it('refused calls show among the integrations seen as denied, and not in the impact of disabling the key', async () => {
    const key = await keyWith(everywhere('none'));
    for (let i = 0; i < 3; i++) await callRoute(projectsRoute.GET, { path: '/api/v1/projects', key: key.key, headers: { 'x-integration-name': 'Exporter' } });
    await flushUsage();
    const scope = { apiKeyId: key.id, communityId: community.communityId };
    expect(await integrationsSeen(scope)).toEqual([expect.objectContaining({ integrationName: 'Exporter', requests: 3, denied: 3 })]);
    expect(await keyImpact(scope)).toEqual({ integrations: 0, names: [], requests: 0 });
  });
});
