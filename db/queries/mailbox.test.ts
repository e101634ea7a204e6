import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { closeDatabase, getDb } from '@/db/index';
import { apiKeys, mailOutbox } from '@/db/schema';
import type { MailKind } from '@/lib/email/mail-kinds';
import { createTestCommunity } from '@/test/db';
import { keyFilter } from './key-search';
import { enqueueMail } from './mail-outbox';
import { findMailMessage, listMailbox } from './mailbox';
import { createTestKey } from '@/lib/api-keys/__fixtures__/test-keys';

type Community = Awaited<ReturnType<typeof createTestCommunity>>;

let here: Community;
let elsewhere: Community;
const keys = {} as Record<'jira' | 'slack' | 'foreign', { id: string; hint: string }>;
const ids = {} as Record<string, string>;

const insertKey = (community: Community, name: string) => createTestKey({ communityId: community.communityId, createdById: community.admin.id, name });

const base = Date.parse('2026-03-01T10:00:00Z');
const at = (minutes: number) => new Date(base + minutes * 60_000);

/** Queues one message the way the product does, then pins its time so the order is known. */
async function mail(community: Community, minutes: number, kind: MailKind, apiKeyId: string | null, subject: string) {
  const dedupeKey = `test:${randomUUID()}`;
  await enqueueMail(getDb(), [
    {
      communityId: community.communityId,
      apiKeyId,
      kind,
      dedupeKey,
      recipientId: community.admin.id,
      toAddress: community.admin.email,
      subject,
      text: `${subject}\n\nPlain text part.`,
      html: `<p>${subject}</p>`,
    },
  ]);
  const [row] = await getDb().update(mailOutbox).set({ createdAt: at(minutes) }).where(eq(mailOutbox.dedupeKey, dedupeKey)).returning({ id: mailOutbox.id });
  ids[subject] = row.id;
}

beforeAll(async () => {
  here = await createTestCommunity();
  elsewhere = await createTestCommunity();
  keys.jira = await insertKey(here, 'Jira sync');
  keys.slack = await insertKey(here, 'Slack bot');
  keys.foreign = await insertKey(elsewhere, 'Jira sync');

  await mail(here, 0, 'first_use', keys.jira.id, 'Jira first use');
  await mail(here, 1, 'first_use', keys.slack.id, 'Slack first use');
  await mail(here, 2, 'new_ip', keys.jira.id, 'Jira new IP');
  await mail(here, 3, 'key_disabled', keys.slack.id, 'Slack disabled');
  await mail(here, 4, 'digest', null, 'A message about no key');
  await getDb().update(apiKeys).set({ status: 'deleted', deletedAt: at(5), deletedById: here.admin.id }).where(eq(apiKeys.id, keys.slack.id));
  // Later than everything above, in another community: must never show up here.
  await mail(elsewhere, 10, 'first_use', keys.foreign.id, 'Foreign first use');
});
afterAll(() => closeDatabase());

/** What the Key box's text filters by, as the page passes it on. */
const byKey = async (text: string) => (await keyFilter({ communityId: here.communityId, text })).ids;

const all = { page: 1, pageSize: 50 };
const subjectsOf = (rows: { subject: string }[]) => rows.map((row) => row.subject);

describe('listMailbox', () => {
  it("lists the community's messages newest first, with the key each one is about", async () => {
    const { rows, total } = await listMailbox({ communityId: here.communityId, ...all });
    expect(total).toBe(5);
    expect(subjectsOf(rows)).toEqual(['A message about no key', 'Slack disabled', 'Jira new IP', 'Slack first use', 'Jira first use']);
    expect(rows[2]).toEqual({
      id: ids['Jira new IP'],
      createdAt: at(2),
      kind: 'new_ip',
      subject: 'Jira new IP',
      toAddress: here.admin.email,
      status: 'pending',
      delivery: null,
      attempts: 0,
      nextAttemptAt: expect.any(Date),
      lastError: null,
      sentAt: null,
      apiKeyId: keys.jira.id,
      keyName: 'Jira sync',
      keyHint: keys.jira.hint,
      keyDeleted: false,
    });
    expect(rows[1]).toMatchObject({ apiKeyId: keys.slack.id, keyName: 'Slack bot', keyDeleted: true });
    expect(rows[0]).toMatchObject({ apiKeyId: null, keyName: null, keyHint: null });
  });

  it('never lists another community’s messages', async () => {
    const mine = await listMailbox({ communityId: here.communityId, ...all });
    expect(mine.rows.map((row) => row.id)).not.toContain(ids['Foreign first use']);
    const theirs = await listMailbox({ communityId: elsewhere.communityId, ...all });
    expect(theirs).toMatchObject({ total: 1, rows: [{ subject: 'Foreign first use', keyName: 'Jira sync', apiKeyId: keys.foreign.id }] });
  });

  it('filters by kind, still within the community', async () => {
    const firstUse = await listMailbox({ communityId: here.communityId, kind: 'first_use', ...all });
    expect(firstUse.total).toBe(2);
    expect(subjectsOf(firstUse.rows)).toEqual(['Slack first use', 'Jira first use']);
    expect(await listMailbox({ communityId: here.communityId, kind: 'key_rotated', ...all })).toEqual({ rows: [], total: 0 });
  });

  it('filters by key: its id, or a piece of its name or hint, deleted keys included, never another community’s', async () => {
    const jira = await listMailbox({ communityId: here.communityId, keyIds: await byKey('jira'), ...all });
    expect(subjectsOf(jira.rows)).toEqual(['Jira new IP', 'Jira first use']);
    expect(jira.total).toBe(2);
    expect(subjectsOf((await listMailbox({ communityId: here.communityId, keyIds: await byKey(keys.slack.id), ...all })).rows)).toEqual(['Slack disabled', 'Slack first use']);
    expect(subjectsOf((await listMailbox({ communityId: here.communityId, keyIds: await byKey(keys.slack.hint), ...all })).rows)).toEqual(['Slack disabled', 'Slack first use']);
    const both = await listMailbox({ communityId: here.communityId, keyIds: await byKey('SLACK'), kind: 'first_use', ...all });
    expect(subjectsOf(both.rows)).toEqual(['Slack first use']);
    expect(await listMailbox({ communityId: here.communityId, keyIds: await byKey(keys.foreign.id), ...all })).toEqual({ rows: [], total: 0 });
    expect(await listMailbox({ communityId: here.communityId, keyIds: await byKey('no such key'), ...all })).toEqual({ rows: [], total: 0 });
  });

  it('pages through the messages without gaps or repeats, total counting all of them', async () => {
    const everything = (await listMailbox({ communityId: here.communityId, ...all })).rows.map((row) => row.id);
    const pages = await Promise.all([1, 2, 3, 4].map((page) => listMailbox({ communityId: here.communityId, page, pageSize: 2 })));
    expect(pages.map((p) => p.total)).toEqual([5, 5, 5, 5]);
    expect(pages.map((p) => p.rows.length)).toEqual([2, 2, 1, 0]);
    expect(pages.flatMap((p) => p.rows.map((row) => row.id))).toEqual(everything);
    const filtered = await listMailbox({ communityId: here.communityId, kind: 'first_use', page: 2, pageSize: 1 });
    expect(filtered).toMatchObject({ total: 2, rows: [{ subject: 'Jira first use' }] });
  });
});

describe('findMailMessage', () => {
  it('finds a message of the community with both parts and its key', async () => {
    const message = await findMailMessage({ communityId: here.communityId, id: ids['Slack disabled'] });
    expect(message).toMatchObject({
      id: ids['Slack disabled'],
      subject: 'Slack disabled',
      kind: 'key_disabled',
      textBody: 'Slack disabled\n\nPlain text part.',
      htmlBody: '<p>Slack disabled</p>',
      providerId: null,
      keyName: 'Slack bot',
      keyHint: keys.slack.hint,
      keyDeleted: true,
    });
  });

  it('does not find another community’s message, an unknown id or a malformed one', async () => {
    expect(await findMailMessage({ communityId: here.communityId, id: ids['Foreign first use'] })).toBeNull();
    expect(await findMailMessage({ communityId: elsewhere.communityId, id: ids['Jira first use'] })).toBeNull();
    expect(await findMailMessage({ communityId: here.communityId, id: randomUUID() })).toBeNull();
    for (const id of ['not-a-uuid', "1' or '1'='1", '', `${ids['Jira first use']}x`]) {
      expect(await findMailMessage({ communityId: here.communityId, id })).toBeNull();
    }
  });
});
