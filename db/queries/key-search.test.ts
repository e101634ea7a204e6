import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase } from '@/db/index';
import { createTestKey, setTestKeyStatus } from '@/lib/api-keys/__fixtures__/test-keys';
import { createTestCommunity } from '@/test/db';
import { findMatchingKeys } from './key-search';

type Community = Awaited<ReturnType<typeof createTestCommunity>>;
type Key = Awaited<ReturnType<typeof createTestKey>>;

let here: Community;
let elsewhere: Community;
const keys = {} as Record<'jira' | 'jiraOld' | 'slack' | 'foreign', Key>;

beforeAll(async () => {
  here = await createTestCommunity();
  elsewhere = await createTestCommunity();
  const make = (community: Community, name: string) => createTestKey({ communityId: community.communityId, createdById: community.admin.id, name });
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
