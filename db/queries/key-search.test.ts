import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, getDb } from '@/db/index';
import { apiKeys, auditLog } from '@/db/schema';
import { NEW_KEY_PERMISSIONS } from '@/lib/api-keys/permissions';
import { createTestKey, setTestKeyStatus } from '@/lib/api-keys/__fixtures__/test-keys';
import { createTestCommunity } from '@/test/db';
import { listAuditLog } from './audit';
import { findMatchingKeys, keyFilter } from './key-search';

type Community = Awaited<ReturnType<typeof createTestCommunity>>;
type Key = Awaited<ReturnType<typeof createTestKey>>;

let here: Community;
let elsewhere: Community;
const keys = {} as Record<'jira' | 'jiraOld' | 'slack' | 'foreign', Key>;

const make = (community: Community, name: string) => createTestKey({ communityId: community.communityId, createdById: community.admin.id, name });

beforeAll(async () => {
  here = await createTestCommunity();
  elsewhere = await createTestCommunity();
  keys.jira = await make(here, 'Jira sync');
  keys.jiraOld = await make(here, 'jira (old)');
  keys.slack = await make(here, 'Slack bot');
  keys.foreign = await make(elsewhere, 'Jira sync');
  await setTestKeyStatus(keys.jiraOld, 'deleted', here.admin);
});
afterAll(() => closeDatabase());

const names = (found: Awaited<ReturnType<typeof findMatchingKeys>>) => found.keys.map((key) => key.name);

describe('findMatchingKeys', () => {
  it('names the keys a search matches, deleted ones marked and last, never another community’s', async () => {
    const found = await findMatchingKeys({ communityId: here.communityId, text: 'JIRA', limit: 10 });
    expect(found).toEqual({
      keys: [
        { id: keys.jira.id, name: 'Jira sync', hint: keys.jira.hint, deleted: false },
        { id: keys.jiraOld.id, name: 'jira (old)', hint: keys.jiraOld.hint, deleted: true },
      ],
      more: false,
    });
  });

  it('finds a key by its id or its hint, with the ellipsis typed as dots', async () => {
    expect(names(await findMatchingKeys({ communityId: here.communityId, text: keys.slack.id.toUpperCase(), limit: 10 }))).toEqual(['Slack bot']);
    expect(names(await findMatchingKeys({ communityId: here.communityId, text: keys.slack.hint.replace('…', '...'), limit: 10 }))).toEqual(['Slack bot']);
    expect(names(await findMatchingKeys({ communityId: here.communityId, text: keys.foreign.id, limit: 10 }))).toEqual([]);
  });

  it('stops at the limit and says there are more', async () => {
    expect(await findMatchingKeys({ communityId: here.communityId, text: 'test_', limit: 2 })).toMatchObject({ keys: [{ name: 'Jira sync' }, { name: 'Slack bot' }], more: true });
    expect(await findMatchingKeys({ communityId: here.communityId, text: '_', limit: 3 })).toMatchObject({ more: false });
  });
});

describe('keyFilter', () => {
  it('passes few keys on as ids, and many as the search itself: a log filtered either way shows the same entries', async () => {
    const few = await keyFilter({ communityId: here.communityId, text: 'jira' });
    expect(few.ids).toEqual([keys.jira.id, keys.jiraOld.id]);

    // 101 keys named "Bulk …", two in the audit log ("Bulk 99" sorts last by name: past the 100 ids), and a "Bulk" key elsewhere.
    const community = await createTestCommunity();
    const bulk = await getDb()
      .insert(apiKeys)
      .values(
        Array.from({ length: 101 }, (_, i) => ({
          communityId: community.communityId,
          name: `Bulk ${i}`,
          prefix: 'test',
          hash: randomUUID(),
          hint: `test_…b${String(i).padStart(3, '0')}`,
          permissions: NEW_KEY_PERMISSIONS,
          createdById: community.admin.id,
        })),
      )
      .returning({ id: apiKeys.id });
    const entry = (apiKeyId: string, action: 'api_key.created' | 'api_key.edited') => ({ communityId: community.communityId, actorId: community.admin.id, action, apiKeyId, ip: null });
    await getDb().insert(auditLog).values([entry(bulk[0].id, 'api_key.created'), entry(bulk[99].id, 'api_key.edited')]);
    await make(elsewhere, 'Bulk elsewhere');

    const many = await keyFilter({ communityId: community.communityId, text: 'bulk' });
    expect(many.more).toBe(true);
    expect(many.keys).toHaveLength(100);
    expect(Array.isArray(many.ids)).toBe(false);
    const log = await listAuditLog({ communityId: community.communityId, keyIds: many.ids, page: 1, pageSize: 10 });
    expect(log.rows.map((row) => row.apiKeyId).sort()).toEqual([bulk[0].id, bulk[99].id].sort());
    const one = await keyFilter({ communityId: community.communityId, text: 'Bulk 99' });
    expect(one.ids).toEqual([bulk[99].id]);
    expect((await listAuditLog({ communityId: community.communityId, keyIds: one.ids, page: 1, pageSize: 10 })).rows.map((row) => row.action)).toEqual(['api_key.edited']);
  });
});
