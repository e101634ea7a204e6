import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { closeDatabase, getDb } from '@/db/index';
import { apiRequests, feedback, projects } from '@/db/schema';
import { flushUsage } from '@/lib/api/usage-recorder';
import { API_KEY_BODY_LENGTH } from '@/lib/api-keys';
import { stopApiKeyInvalidation } from '@/lib/api-keys/key-invalidation';
import { callRoute, createTestKey } from '@/test/api';
import { createTestCommunity } from '@/test/db';
import * as unknownPath from './[...path]/route';
import * as feedbackRoute from './feedback/route';
import * as me from './me/route';
import * as projectRoute from './projects/[id]/route';

let key: Awaited<ReturnType<typeof createTestKey>>;
let projectId: string;

beforeAll(async () => {
  const community = await createTestCommunity();
  key = await createTestKey({ communityId: community.communityId, createdById: community.admin.id, name: 'Hostile' });
  const [project] = await getDb().insert(projects).values({ communityId: community.communityId, name: 'Target' }).returning();
  projectId = project.id;
});
afterAll(async () => {
  await flushUsage();
  await stopApiKeyInvalidation();
  await closeDatabase();
});

describe('a key in the URL', () => {
  // [where, route, path]: the route Next would pick for that path.
  const cases = (secret: string): [string, unknown, string][] => [
    ['?apiKey=', me.GET, `/api/v1/me?apiKey=${secret}`],
    ['?API_KEY=', me.GET, `/api/v1/me?API_KEY=${secret}`],
    ['?x-api-key=', me.GET, `/api/v1/me?x-api-key=${secret}`],
    ['?Token= with any value', me.GET, '/api/v1/me?Token=abc'],
    ['any query value', me.GET, `/api/v1/me?q=${secret}`],
    ['a path segment', unknownPath.GET, `/api/v1/${secret}`],
    ['a segment after /me', unknownPath.GET, `/api/v1/me/${secret}`],
    ['a matrix parameter', unknownPath.GET, `/api/v1/me;key=${secret}`],
    ['a project id', projectRoute.GET, `/api/v1/projects/${secret}`],
  ];

  it.each(cases('KEY'))('is refused with 400 key_in_url in %s, even with a good header', async (_where, route, template) => {
    const path = template.replace('KEY', key.key);
    const answer = await callRoute(route, { path, key: key.key, params: { id: key.key } });
    expect(answer).toMatchObject({ status: 400, json: { error: { code: 'key_in_url' } } });
  });

  it('is stored redacted to its prefix and last 4: no usage row holds the key', async () => {
    const requestIds: string[] = [];
    for (const [, route, path] of cases(key.key)) {
      const answer = await callRoute(route, { path, params: { id: key.key } });
      requestIds.push(answer.headers.get('x-request-id')!);
    }
    await flushUsage();
    const rows = await getDb().select().from(apiRequests).where(inArray(apiRequests.requestId, requestIds));
    expect(rows).toHaveLength(requestIds.length);
    expect(rows.every((row) => row.outcome === 'key_in_url')).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(key.key.slice(-API_KEY_BODY_LENGTH, -4));
    expect(rows.map((row) => row.path)).toContain(`/api/v1/me/${key.hint}`);
  });

  it('lets a normal URL through', async () => {
    expect((await callRoute(projectRoute.GET, { path: `/api/v1/projects/${projectId}`, key: key.key, params: { id: projectId } })).status).toBe(200);
  });
});

describe('text Postgres cannot store', () => {
  const post = (body: string) =>
    callRoute(feedbackRoute.POST, { path: '/api/v1/feedback', method: 'POST', key: key.key, headers: { 'content-type': 'application/json' }, body });
  const feedbackCount = async () => (await getDb().select().from(feedback).where(eq(feedback.projectId, projectId))).length;

  it.each([
    ['NUL in the title', '"a\\u0000b"', '"Body"', 'title'],
    ['an unpaired surrogate in the body', '"Title"', '"x\\ud800y"', 'body'],
  ])('%s is a 400 validation_failed naming the field, and nothing is written', async (_label, title, body, field) => {
    const answer = await post(`{"projectId":"${projectId}","title":${title},"body":${body},"kind":"bug"}`);
    expect(answer).toMatchObject({ status: 400, json: { error: { code: 'validation_failed' } } });
    expect(Object.keys(answer.json.error.fields)).toEqual([field]);
    expect(answer.json.error.fields[field][0]).toMatch(new RegExp(`^${field} contains`));
    expect(await feedbackCount()).toBe(0);
  });

  it('is refused in a query parameter too', async () => {
    const answer = await callRoute(feedbackRoute.GET, { path: '/api/v1/feedback?projectId=%00', key: key.key });
    expect(answer).toMatchObject({ status: 400, json: { error: { code: 'validation_failed', fields: { projectId: [expect.stringContaining('NUL')] } } } });
  });
});
