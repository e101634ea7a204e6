import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { closeDatabase, getDb, type Tx } from '@/db/index';
import { apiKeys, auditLog } from '@/db/schema';
import { createTestCommunity } from '@/test/db';
import { keyFilter } from './key-search';
import { NEW_KEY_PERMISSIONS } from '@/lib/api-keys/permissions';
import { listAuditLog, writeAudit, type AuditAction } from './audit';

type Community = Awaited<ReturnType<typeof createTestCommunity>>;

let here: Community;
let elsewhere: Community;
const keys = {} as Record<'jira' | 'slack' | 'unused' | 'foreign', { id: string; hint: string }>;

async function insertKey(community: Community, name: string) {
  const tag = randomUUID().slice(0, 4);
  const [key] = await getDb()
    .insert(apiKeys)
    .values({ communityId: community.communityId, name, prefix: 'test', hash: randomUUID(), hint: `test_…${tag}`, permissions: NEW_KEY_PERMISSIONS, createdById: community.admin.id })
    .returning({ id: apiKeys.id, hint: apiKeys.hint });
  return key;
}

const base = Date.parse('2026-03-01T10:00:00Z');
const at = (minutes: number) => new Date(base + minutes * 60_000);

async function entry(community: Community, minutes: number, action: AuditAction, apiKeyId: string, details: Record<string, unknown> = {}) {
  await getDb()
    .insert(auditLog)
    .values({ communityId: community.communityId, actorId: community.admin.id, action, apiKeyId, ip: '203.0.113.7', details, createdAt: at(minutes) });
}

beforeAll(async () => {
  here = await createTestCommunity();
  elsewhere = await createTestCommunity();
  keys.jira = await insertKey(here, 'Jira sync');
  keys.slack = await insertKey(here, 'Slack bot');
  keys.unused = await insertKey(here, 'Never touched');
  keys.foreign = await insertKey(elsewhere, 'Jira sync');

  await entry(here, 0, 'api_key.created', keys.jira.id, { name: 'Jira sync' });
  await entry(here, 1, 'api_key.created', keys.slack.id, { name: 'Slack bot' });
  await entry(here, 2, 'api_key.edited', keys.jira.id, { changes: { name: { from: 'Jira', to: 'Jira sync' } } });
  await entry(here, 3, 'api_key.disabled', keys.slack.id);
  await entry(here, 4, 'api_key.deleted', keys.slack.id, { name: 'Slack bot' });
  await getDb().update(apiKeys).set({ status: 'deleted', deletedAt: at(4), deletedById: here.admin.id }).where(eq(apiKeys.id, keys.slack.id));
  await entry(here, 5, 'api_key.rotated', keys.jira.id, { graceUntil: at(65).toISOString() });
  // Later than everything above, in another community: must never show up here.
  await entry(elsewhere, 10, 'api_key.created', keys.foreign.id);
  await entry(elsewhere, 11, 'api_key.edited', keys.foreign.id);
});
afterAll(() => closeDatabase());

/** What the Key box's text filters by, as the page passes it on. */
const byKey = async (text: string) => (await keyFilter({ communityId: here.communityId, text })).ids;

const all = { page: 1, pageSize: 50 };
const actionsOf = (rows: { action: string }[]) => rows.map((row) => row.action);

describe('listAuditLog', () => {
  it("lists the community's entries newest first, with actor, key, IP and details", async () => {
    const { rows, total } = await listAuditLog({ communityId: here.communityId, ...all });
    expect(total).toBe(6);
    expect(actionsOf(rows)).toEqual(['api_key.rotated', 'api_key.deleted', 'api_key.disabled', 'api_key.edited', 'api_key.created', 'api_key.created']);
    expect(rows.map((row) => row.createdAt.getTime())).toEqual([5, 4, 3, 2, 1, 0].map((m) => at(m).getTime()));
    expect(rows[0]).toEqual({
      id: expect.any(String),
      createdAt: at(5),
      action: 'api_key.rotated',
      actorName: here.admin.name,
      actorEmail: here.admin.email,
      apiKeyId: keys.jira.id,
      keyName: 'Jira sync',
      keyHint: keys.jira.hint,
      keyDeleted: false,
      ip: '203.0.113.7',
      details: { graceUntil: at(65).toISOString() },
    });
    expect(rows[1]).toMatchObject({ apiKeyId: keys.slack.id, keyName: 'Slack bot', keyDeleted: true });
  });

  it('never shows another community, even when asked for its key', async () => {
    const mine = await listAuditLog({ communityId: here.communityId, ...all });
    expect(mine.rows.every((row) => row.apiKeyId !== keys.foreign.id)).toBe(true);
    expect(await listAuditLog({ communityId: here.communityId, keyIds: await byKey(keys.foreign.id), ...all })).toEqual({ rows: [], total: 0 });
    const theirs = await listAuditLog({ communityId: elsewhere.communityId, ...all });
    expect(theirs.total).toBe(2);
    expect(theirs.rows.every((row) => row.apiKeyId === keys.foreign.id && row.actorEmail === elsewhere.admin.email)).toBe(true);
  });

  it('filters by key id', async () => {
    const { rows, total } = await listAuditLog({ communityId: here.communityId, keyIds: await byKey(keys.jira.id), ...all });
    expect(total).toBe(3);
    expect(actionsOf(rows)).toEqual(['api_key.rotated', 'api_key.edited', 'api_key.created']);
    expect(rows.every((row) => row.apiKeyId === keys.jira.id)).toBe(true);
  });

  it('filters by a piece of the name or hint, in any case, deleted keys included', async () => {
    const byName = await listAuditLog({ communityId: here.communityId, keyIds: await byKey('JIRA'), ...all });
    expect(byName.rows.map((row) => row.apiKeyId)).toEqual([keys.jira.id, keys.jira.id, keys.jira.id]);
    const deleted = await listAuditLog({ communityId: here.communityId, keyIds: await byKey('slack'), ...all });
    expect(actionsOf(deleted.rows)).toEqual(['api_key.deleted', 'api_key.disabled', 'api_key.created']);
    const byHint = await listAuditLog({ communityId: here.communityId, keyIds: await byKey(keys.slack.hint.slice(-4)), ...all });
    expect(byHint.rows.every((row) => row.apiKeyId === keys.slack.id)).toBe(true);
    // A "%" is a percent sign, not "anything".
    expect(await listAuditLog({ communityId: here.communityId, keyIds: await byKey('%'), ...all })).toEqual({ rows: [], total: 0 });
  });

  it('finds nothing for an unknown key id or a text no key has, without failing', async () => {
    expect(await listAuditLog({ communityId: here.communityId, keyIds: await byKey(randomUUID()), ...all })).toEqual({ rows: [], total: 0 });
    expect(await listAuditLog({ communityId: here.communityId, keyIds: await byKey('not-a-uuid'), ...all })).toEqual({ rows: [], total: 0 });
  });

  it('filters by action, and by key and action together', async () => {
    const created = await listAuditLog({ communityId: here.communityId, action: 'api_key.created', ...all });
    expect(created.total).toBe(2);
    expect(created.rows.map((row) => row.keyName)).toEqual(['Slack bot', 'Jira sync']);
    const both = await listAuditLog({ communityId: here.communityId, keyIds: await byKey(keys.slack.id), action: 'api_key.deleted', ...all });
    expect(both.total).toBe(1);
    expect(both.rows[0]).toMatchObject({ action: 'api_key.deleted', details: { name: 'Slack bot' } });
    expect((await listAuditLog({ communityId: here.communityId, keyIds: await byKey(keys.jira.id), action: 'api_key.deleted', ...all })).total).toBe(0);
  });

  it('pages through the entries without gaps or repeats, total counting all of them', async () => {
    const everything = (await listAuditLog({ communityId: here.communityId, ...all })).rows.map((row) => row.id);
    const pages = await Promise.all([1, 2, 3, 4].map((page) => listAuditLog({ communityId: here.communityId, page, pageSize: 2 })));
    expect(pages.map((p) => p.total)).toEqual([6, 6, 6, 6]);
    expect(pages.map((p) => p.rows.length)).toEqual([2, 2, 2, 0]);
    expect(pages.flatMap((p) => p.rows.map((row) => row.id))).toEqual(everything);
    const filtered = await listAuditLog({ communityId: here.communityId, keyIds: await byKey(keys.jira.id), page: 2, pageSize: 2 });
    expect(filtered).toMatchObject({ total: 3, rows: [{ action: 'api_key.created' }] });
  });

  it('lists an entry written inside a committed change, and none from a rolled-back one', async () => {
    const community = await createTestCommunity();
    const key = await insertKey(community, 'Tx key');
    const write = (tx: Tx, action: AuditAction) =>
      writeAudit(tx, { communityId: community.communityId, actorId: community.admin.id, action, apiKeyId: key.id, ip: null });
    await getDb().transaction((tx) => write(tx, 'api_key.disabled'));
    await expect(
      getDb().transaction(async (tx) => {
        await write(tx, 'api_key.enabled');
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const { rows, total } = await listAuditLog({ communityId: community.communityId, ...all });
    expect(total).toBe(1);
    expect(rows[0]).toMatchObject({ action: 'api_key.disabled', ip: null, details: {}, keyName: 'Tx key' });
  });
});
