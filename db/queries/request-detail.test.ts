import { beforeAll, describe, expect, it } from 'vitest';
import { inArray } from 'drizzle-orm';
import { getDb } from '../index';
import { apiRequests } from '../schema';
import { newKey, record, recordElsewhere, setUpUsageFixtures, type Scope } from './__fixtures__/usage-rows';
import { findRequest } from './request-detail';

setUpUsageFixtures();

const requestIdsOf = async (ids: number[]) => {
  const rows = await getDb().select({ id: apiRequests.id, requestId: apiRequests.requestId }).from(apiRequests).where(inArray(apiRequests.id, ids));
  return ids.map((id) => rows.find((row) => row.id === id)?.requestId as string);
};

describe('findRequest', () => {
  let key: Scope;
  let sibling: Scope;
  let mine: string;
  let theirs: string[];

  beforeAll(async () => {
    key = await newKey();
    sibling = await newKey();
    [mine] = await requestIdsOf(await record(key, [{ at: '2031-03-15T10:20:00Z', outcome: 'ip_not_allowed', ip: '198.51.100.7', integrationName: 'Zapier', userAgent: 'zapier/1.0' }]));
    // The same call under another community's key, and under my key's id but that other community.
    const other = await recordElsewhere(key, [{ at: '2031-03-15T10:21:00Z' }]);
    const written = await getDb().select({ requestId: apiRequests.requestId }).from(apiRequests).where(inArray(apiRequests.apiKeyId, [other.apiKeyId, key.apiKeyId]));
    theirs = written.map((row) => row.requestId).filter((id) => id !== mine);
    expect(theirs).toHaveLength(2);
  });

  it('finds a request of the key by its id, with everything the detail view shows', async () => {
    expect(await findRequest({ requestId: mine, ...key })).toEqual({
      requestId: mine,
      apiKeyId: key.apiKeyId,
      keyName: expect.any(String),
      at: new Date('2031-03-15T10:20:00Z'),
      method: 'GET',
      path: '/api/v1/projects/0',
      status: 403,
      outcome: 'ip_not_allowed',
      ip: '198.51.100.7',
      userAgent: 'zapier/1.0',
      integrationName: 'Zapier',
      latencyMs: 10,
    });
  });

  it('does not find it on another key of the community, but names its key when no key is given', async () => {
    expect(await findRequest({ requestId: mine, ...sibling })).toBeNull();
    expect(await findRequest({ requestId: mine, communityId: key.communityId })).toMatchObject({ apiKeyId: key.apiKeyId });
  });

  it('never finds another community’s request, even one recorded under my key’s id', async () => {
    for (const requestId of theirs) {
      expect(await findRequest({ requestId, ...key })).toBeNull();
      expect(await findRequest({ requestId, communityId: key.communityId })).toBeNull();
    }
  });

  it('finds nothing for an empty, unknown or overlong id', async () => {
    expect(await findRequest({ requestId: '', ...key })).toBeNull();
    expect(await findRequest({ requestId: 'no-such-request', ...key })).toBeNull();
    expect(await findRequest({ requestId: 'x'.repeat(129), ...key })).toBeNull();
  });
});
