import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { closeDatabase, getDb } from '@/db/index';
import { apiKeyPreviousSecrets, apiKeys } from '@/db/schema';
import { createTestKey } from '@/lib/api-keys/__fixtures__/test-keys';
import { KEY_LIST_PAGE_SIZE, KEY_LIST_SORT_VALUES, type KeyListSort, type KeyListStatus } from '@/lib/api-keys/key-list';
import { keyState } from '@/lib/api-keys/key-state';
import { NEW_KEY_PERMISSIONS } from '@/lib/api-keys/permissions';
import { API_ERRORS, type ApiErrorCode } from '@/lib/api/errors';
import { writeUsageBatch } from '@/lib/api/usage-writer';
import { createTestCommunity } from '@/test/db';
import { listApiKeys, type ApiKeyListQuery } from './api-key-list';

type Community = Awaited<ReturnType<typeof createTestCommunity>>;

/** What a seeded key is, as the test knows it (to work out each order and filter by hand). */
type Seeded = { id: string; name: string; hint: string; createdAt: number; lastUsedMicros: number | null; status: 'enabled' | 'disabled'; expiresAt: Date | null };

const KEYS = 60;
const now = new Date();
const created = Date.parse('2026-03-01T10:00:00Z');
// Microseconds after this instant: JavaScript cannot hold them, Postgres can, and a cursor must not lose them.
const usedBase = '2026-03-10T08:00:00Z';

let here: Community;
let elsewhere: Community;
let seeded: Seeded[] = [];

const pad = (n: number) => String(n).padStart(3, '0');

/**
 * Key i: created in threes at the same instant (ties broken by id); used in fives at instants a
 * second apart, some of them one microsecond apart, and every fourth key never; every seventh
 * disabled, expired or expiring later. A few names share "jira", one holds LIKE's wildcards.
 */
function keyFor(i: number): Omit<Seeded, 'id'> {
  const name = i === 50 ? '100%_done' : i % 10 === 3 ? `Jira ${pad(i)}` : i % 2 ? `KEY ${pad(i)}` : `key ${pad(i)}`;
  return {
    name,
    hint: `test_…h${pad(i)}`,
    createdAt: created + Math.floor(i / 3) * 60_000,
    lastUsedMicros: i % 4 === 0 ? null : Math.floor(i / 5) * 1_000_000 + (i % 2),
    status: i % 7 === 1 ? 'disabled' : 'enabled',
    expiresAt: i % 7 === 2 ? new Date(now.getTime() - 86_400_000) : i % 7 === 3 ? new Date(now.getTime() + 86_400_000) : null,
  };
}

/** A request as the usage recorder writes it, `daysAgo` days before now. */
function usageCall({ communityId, apiKeyId, daysAgo, outcome = 'ok' }: { communityId: string; apiKeyId: string; daysAgo: number; outcome?: 'ok' | ApiErrorCode }) {
  return {
    requestId: randomUUID(),
    apiKeyId,
    communityId,
    at: new Date(Date.now() - daysAgo * 86_400_000),
    method: 'GET',
    path: '/api/v1/me',
    status: outcome === 'ok' ? 200 : API_ERRORS[outcome].status,
    outcome,
    ip: '10.0.0.1',
    userAgent: null,
    integrationName: null,
    latencyMs: 5,
  };
}

async function insertKeys(community: Community, keys: Omit<Seeded, 'id'>[]) {
  const rows = await getDb()
    .insert(apiKeys)
    .values(
      keys.map((key) => ({
        communityId: community.communityId,
        name: key.name,
        prefix: 'test',
        hash: randomUUID(),
        hint: key.hint,
        permissions: NEW_KEY_PERMISSIONS,
        createdById: community.admin.id,
        createdAt: new Date(key.createdAt),
        status: key.status,
        expiresAt: key.expiresAt,
      })),
    )
    .returning({ id: apiKeys.id });
  for (const [index, { id }] of rows.entries()) {
    const micros = keys[index].lastUsedMicros;
    if (micros === null) continue;
    await getDb().execute(sql`update api_keys set last_used_at = ${usedBase}::timestamptz + ${micros} * interval '1 microsecond' where id = ${id}`);
  }
  return rows.map(({ id }, index) => ({ id, ...keys[index] }));
}

beforeAll(async () => {
  here = await createTestCommunity();
  elsewhere = await createTestCommunity();
  seeded = await insertKeys(here, Array.from({ length: KEYS }, (_, i) => keyFor(i)));
  // Never listed: a deleted key, and another community's keys (names that match the searches below).
  const [gone] = await insertKeys(here, [{ ...keyFor(3), name: 'Jira deleted', hint: 'test_…gone' }]);
  await getDb().update(apiKeys).set({ status: 'deleted', deletedAt: now }).where(eq(apiKeys.id, gone.id));
  await insertKeys(elsewhere, [keyFor(3), keyFor(13), { ...keyFor(7), name: 'Elsewhere', hint: 'test_…h007' }]);
});
afterAll(() => closeDatabase());

// uuid order is the order of its hex text, as Postgres compares uuids.
const byId = (a: Seeded, b: Seeded) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const ORDERS: Record<KeyListSort, (a: Seeded, b: Seeded) => number> = {
  newest: (a, b) => b.createdAt - a.createdAt || -byId(a, b),
  'last-used': (a, b) => {
    if (a.lastUsedMicros === null || b.lastUsedMicros === null) return a.lastUsedMicros === b.lastUsedMicros ? -byId(a, b) : a.lastUsedMicros === null ? 1 : -1;
    return b.lastUsedMicros - a.lastUsedMicros || -byId(a, b);
  },
  name: (a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : byId(a, b)),
};
const expected = (sort: KeyListSort, keep: (key: Seeded) => boolean = () => true) => seeded.filter(keep).sort(ORDERS[sort]).map((key) => key.id);

const query = (extra: Partial<ApiKeyListQuery> = {}): ApiKeyListQuery => ({ communityId: here.communityId, sort: 'newest', pageSize: KEY_LIST_PAGE_SIZE, now, ...extra });

/** Follows Next from the first page to the last, then Previous back to the first; returns both walks' pages. */
async function walk(base: ApiKeyListQuery) {
  const forward = [await listApiKeys(base)];
  while (forward.at(-1)!.next) forward.push(await listApiKeys({ ...base, after: forward.at(-1)!.next! }));
  const backward = [forward.at(-1)!];
  while (backward.at(-1)!.previous) backward.push(await listApiKeys({ ...base, after: undefined, before: backward.at(-1)!.previous! }));
  const ids = (pages: typeof forward) => pages.map((page) => page.rows.map((row) => row.id));
  return { forward: ids(forward), backward: ids(backward).reverse(), totals: forward.map((page) => page.total), first: forward[0] };
}

describe('listApiKeys', () => {
  it('pages 50 at a time: two pages, Next and Previous between them', async () => {
    const first = await listApiKeys(query());
    expect(first.total).toBe(KEYS);
    expect(first.rows).toHaveLength(50);
    expect(first.previous).toBeNull();
    const second = await listApiKeys(query({ after: first.next! }));
    expect(second.rows.map((row) => row.id)).toEqual(expected('newest').slice(50));
    expect(second.next).toBeNull();
    const back = await listApiKeys(query({ before: second.previous! }));
    expect(back.rows.map((row) => row.id)).toEqual(first.rows.map((row) => row.id));
    expect(back.previous).toBeNull();
  });

  it.each(KEY_LIST_SORT_VALUES)('sorted %s, walks every key once in order, forwards and back, across equal values', async (sort) => {
    const { forward, backward, totals } = await walk(query({ sort, pageSize: 7 }));
    expect(forward.flat()).toEqual(expected(sort));
    expect(forward.slice(0, -1).every((page) => page.length === 7)).toBe(true);
    expect(backward).toEqual(forward);
    expect(new Set(totals)).toEqual(new Set([KEYS]));
  });

  it('keeps the microseconds of last use in its cursors: no key is skipped at a page edge', async () => {
    // Keys 5, 7 and 9 were used at the same instant, one microsecond after key 6: a page ending
    // between them must go on with the rest of them (a millisecond cursor would skip past).
    const order = expected('last-used');
    const group = order.filter((id) => seeded.find((key) => key.id === id)!.lastUsedMicros === 1_000_001);
    expect(group).toHaveLength(3);
    const { forward } = await walk(query({ sort: 'last-used', pageSize: order.indexOf(group[0]) + 1 }));
    expect(forward[0].at(-1)).toBe(group[0]);
    expect(forward[1].slice(0, 3)).toEqual([group[1], group[2], seeded[6].id]);
  });

  it('searches names and hints, in any case, with wildcards taken literally', async () => {
    const ids = async (q: string, sort: KeyListSort = 'name') => (await listApiKeys(query({ q, sort }))).rows.map((row) => row.id);
    const jira = expected('name', (key) => key.name.startsWith('Jira'));
    expect(jira).toHaveLength(6);
    expect(await ids('jIRA')).toEqual(jira);
    expect(await ids('h007')).toEqual([seeded[7].id]);
    expect(await ids('test_...h007')).toEqual([seeded[7].id]);
    expect(await ids('%')).toEqual([seeded[50].id]);
    expect(await ids('0%_d')).toEqual([seeded[50].id]);
    expect(await ids('y_0')).toEqual([]);
    expect(await ids(seeded[9].id)).toEqual([seeded[9].id]);
    const { total, rows } = await listApiKeys(query({ q: 'no such key' }));
    expect({ total, rows }).toEqual({ total: 0, rows: [] });
  });

  it('pages a search, counting only what matches', async () => {
    const { forward, totals } = await walk(query({ q: 'key 0', sort: 'last-used', pageSize: 4 }));
    const matching = expected('last-used', (key) => key.name.toLowerCase().includes('key 0'));
    expect(forward.flat()).toEqual(matching);
    expect(totals[0]).toBe(matching.length);
  });

  it.each<KeyListStatus>(['enabled', 'disabled', 'expired'])('filters %s keys as the Status column shows them', async (status) => {
    const keep = (key: Seeded) => keyState(key, now.getTime()) === status;
    const { forward, totals } = await walk(query({ status, pageSize: 9 }));
    expect(forward.flat()).toEqual(expected('newest', keep));
    expect(totals[0]).toBe(seeded.filter(keep).length);
    expect(totals[0]).toBeGreaterThan(0);
  });

  it('combines search and status', async () => {
    const { rows } = await listApiKeys(query({ q: 'jira', status: 'disabled', sort: 'name' }));
    expect(rows.map((row) => row.id)).toEqual(expected('name', (key) => key.name.startsWith('Jira') && key.status === 'disabled'));
  });

  it("lists only the community's own keys, never deleted ones", async () => {
    const all = (await walk(query())).forward.flat();
    expect(all).toHaveLength(KEYS);
    expect((await listApiKeys(query({ q: 'deleted' }))).total).toBe(0);
    const theirs = await listApiKeys(query({ communityId: elsewhere.communityId }));
    expect(theirs.total).toBe(3);
    expect(theirs.rows.map((row) => row.id).some((id) => all.includes(id))).toBe(false);
    // A cursor is only a position: one made from this community's key shows the other community nothing of ours.
    const fromOurs = await listApiKeys(query({ communityId: elsewhere.communityId, after: { value: '2999-01-01T00:00:00.000000Z', id: seeded[0].id } }));
    expect(fromOurs.rows.map((row) => row.id).sort()).toEqual(theirs.rows.map((row) => row.id).sort());
  });

  it('starts again at the first page when Previous has less than a page before it, and says when a cursor is past the end', async () => {
    const order = expected('newest');
    const near = await listApiKeys(query({ before: { value: new Date(seeded.find((key) => key.id === order[3])!.createdAt).toISOString().replace('Z', '000Z'), id: order[3] } }));
    expect(near.rows.map((row) => row.id)).toEqual(order.slice(0, 50));
    expect(near.previous).toBeNull();
    const past = await listApiKeys(query({ after: { value: '2000-01-01T00:00:00.000000Z', id: order[0] } }));
    expect(past).toMatchObject({ rows: [], total: KEYS, next: null });
  });

  it('shows each key as the table needs it', async () => {
    const key = seeded[7];
    const [row] = (await listApiKeys(query({ q: 'h007' }))).rows;
    expect(row).toEqual({
      id: key.id,
      name: key.name,
      description: '',
      hint: key.hint,
      status: 'enabled',
      ipLimits: [],
      permissions: NEW_KEY_PERMISSIONS,
      rateLimit: null,
      expiresAt: null,
      lastUsedAt: expect.any(Date),
      lastUsedIp: null,
      createdAt: new Date(key.createdAt),
      createdByName: here.admin.name,
      rotatingUntil: null,
      requests7d: 0,
      ipRefused24h: 0,
      cursor: { value: new Date(key.createdAt).toISOString().replace('Z', '000Z'), id: key.id },
    });
  });

  it("adds a rotation's end and the last 7 days' requests to the keys of the page", async () => {
    const community = await createTestCommunity();
    const busy = await createTestKey({ communityId: community.communityId, createdById: community.admin.id, name: 'Busy' });
    const quiet = await createTestKey({ communityId: community.communityId, createdById: community.admin.id, name: 'Quiet' });
    const graceUntil = new Date(Date.now() + 3_600_000);
    await getDb()
      .insert(apiKeyPreviousSecrets)
      .values([
        { apiKeyId: busy.id, hash: randomUUID(), hint: 'test_…old1', expiresAt: graceUntil },
        { apiKeyId: busy.id, hash: randomUUID(), hint: 'test_…old0', expiresAt: new Date(Date.now() - 60_000) },
        { apiKeyId: quiet.id, hash: randomUUID(), hint: 'test_…old2', expiresAt: new Date(Date.now() - 60_000) },
      ]);
    const call = (daysAgo: number) => usageCall({ communityId: community.communityId, apiKeyId: busy.id, daysAgo });
    await writeUsageBatch([call(0.1), call(1), call(6.5), call(8)]);

    const { rows } = await listApiKeys({ communityId: community.communityId, sort: 'name', pageSize: 50, now: new Date() });
    expect(rows.map(({ name, rotatingUntil, requests7d }) => ({ name, rotatingUntil, requests7d }))).toEqual([
      { name: 'Busy', rotatingUntil: graceUntil, requests7d: 3 },
      { name: 'Quiet', rotatingUntil: null, requests7d: 0 },
    ]);
  });
  it('counts IP-limit refusals (24 hours) for the keys of the page; a key never used counts only refused calls', async () => {
    const community = await createTestCommunity();
    const used = await createTestKey({ communityId: community.communityId, createdById: community.admin.id, name: 'Used' });
    const refused = await createTestKey({ communityId: community.communityId, createdById: community.admin.id, name: 'Refused' });
    const call = (apiKeyId: string, daysAgo: number, outcome: 'ok' | ApiErrorCode) => usageCall({ communityId: community.communityId, apiKeyId, daysAgo, outcome });
    await writeUsageBatch([
      call(used.id, 0.1, 'ok'),
      call(refused.id, 0.1, 'ip_not_allowed'),
      call(refused.id, 0.2, 'ip_not_allowed'),
      call(refused.id, 2, 'ip_not_allowed'),
      call(refused.id, 10, 'key_disabled'),
      call(refused.id, 40, 'not_found'),
    ]);

    const { rows } = await listApiKeys({ communityId: community.communityId, sort: 'name', pageSize: 50, now: new Date() });
    expect(rows.map(({ name, lastUsedAt, requests7d, ipRefused24h }) => ({ name, used: lastUsedAt !== null, requests7d, ipRefused24h }))).toEqual([
      { name: 'Refused', used: false, requests7d: 3, ipRefused24h: 2 },
      { name: 'Used', used: true, requests7d: 1, ipRefused24h: 0 },
    ]);
  });
});
