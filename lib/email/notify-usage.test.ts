import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, getDb } from '@/db/index';
import { apiKeys } from '@/db/schema';
import { createTestKey } from '@/lib/api-keys/__fixtures__/test-keys';
import { createTestCommunity } from '@/test/db';
import { calls, mailOf, usageRows, writeBatch } from './__fixtures__/calls';
import { queueDueDigests } from './digest-job';

let community: Awaited<ReturnType<typeof createTestCommunity>>;

beforeAll(async () => {
  community = await createTestCommunity();
});
afterAll(() => closeDatabase());

async function notifyingKey(notifyOnUse = true) {
  const key = await createTestKey({ communityId: community.communityId, createdById: community.admin.id, notifyOnUse });
  return { ...key, communityId: community.communityId };
}

describe('first use and new addresses', () => {
  it('tells the admin about the first use once, with the key named by its hint, never its secret', async () => {
    const key = await notifyingKey();
    await writeBatch(usageRows(key, [{ ip: '198.51.100.7', integrationName: 'Zapier sync' }, ...calls(499, { ip: '198.51.100.7' })]));
    await writeBatch(usageRows(key, calls(500, { ip: '198.51.100.7' })));

    const mail = await mailOf(key.id);
    expect(mail.map((m) => m.kind)).toEqual(['first_use']);
    const [first] = mail;
    expect(first.toAddress).toBe(community.admin.email);
    expect(first.subject).toContain(key.name);
    expect(first.textBody).toContain(key.hint);
    expect(first.textBody).toContain('198.51.100.7');
    expect(first.textBody).toContain('Zapier sync');
    expect(first.textBody).toContain(`/admin/integration-center/api-keys/${key.id}`);
    for (const part of [first.subject, first.textBody, first.htmlBody]) expect(part).not.toContain(key.key);
  });

  it('queues nothing twice when the recorder writes the same batch again', async () => {
    const key = await notifyingKey();
    const rows = usageRows(key, calls(3, { ip: '203.0.113.10' }));
    await writeBatch(rows);
    await writeBatch(rows);
    expect((await mailOf(key.id)).map((m) => m.kind)).toEqual(['first_use']);
  });

  it('sends one message per batch for addresses never seen on the key, none for known ones', async () => {
    const key = await notifyingKey();
    await writeBatch(usageRows(key, [{ ip: '203.0.113.1' }]));
    await writeBatch(usageRows(key, [...calls(5, { ip: '203.0.113.2' }), ...calls(5, { ip: '203.0.113.3' }), { ip: '203.0.113.1' }]));
    await writeBatch(usageRows(key, [{ ip: '203.0.113.2' }, { ip: '203.0.113.1' }]));

    const mail = await mailOf(key.id);
    expect(mail.map((m) => m.kind)).toEqual(['first_use', 'new_ip']);
    expect(mail[1].textBody).toContain('203.0.113.2');
    expect(mail[1].textBody).toContain('203.0.113.3');
    expect(mail[1].textBody).not.toContain('203.0.113.1');
  });

  it('does not count refused calls as a use', async () => {
    const key = await notifyingKey();
    await writeBatch(usageRows(key, [{ outcome: 'key_disabled' }, { outcome: 'validation_failed', ip: '203.0.113.50' }]));
    expect(await mailOf(key.id)).toEqual([]);
    await writeBatch(usageRows(key, [{ ip: '203.0.113.50' }]));
    expect((await mailOf(key.id)).map((m) => m.kind)).toEqual(['first_use']);
  });

  it('stays silent while notifications are off, and remembers the addresses for when they are turned on', async () => {
    const key = await notifyingKey(false);
    await writeBatch(usageRows(key, [{ ip: '192.0.2.1' }]));
    expect(await mailOf(key.id)).toEqual([]);

    await getDb().update(apiKeys).set({ notifyOnUse: true, notifyUserId: community.admin.id, notifyDigestFrom: sql`now()` }).where(eq(apiKeys.id, key.id));
    await writeBatch(usageRows(key, [{ ip: '192.0.2.1' }, { ip: '192.0.2.2' }]));
    const mail = await mailOf(key.id);
    expect(mail.map((m) => m.kind)).toEqual(['new_ip']);
    expect(mail[0].textBody).toContain('192.0.2.2');
  });

  it('sends nothing to an admin who has since become a member', async () => {
    const key = await notifyingKey();
    const demoted = await createTestCommunity();
    await getDb().update(apiKeys).set({ notifyUserId: demoted.member.id }).where(eq(apiKeys.id, key.id));
    await writeBatch(usageRows(key, [{}]));
    expect(await mailOf(key.id)).toEqual([]);
  });
});

describe('IP limit refusals (security notice)', () => {
  it('notifies the creator even with notifications off, at most once per interval, then reports everything since', async () => {
    const key = await notifyingKey(false);
    await writeBatch(usageRows(key, [...calls(3, { outcome: 'ip_not_allowed', ip: '203.0.113.66' }), { outcome: 'ip_not_allowed', ip: '203.0.113.67' }]));
    await writeBatch(usageRows(key, calls(10, { outcome: 'ip_not_allowed', ip: '203.0.113.68' })));

    let mail = await mailOf(key.id);
    expect(mail.map((m) => m.kind)).toEqual(['ip_refused']);
    expect(mail[0].toAddress).toBe(community.admin.email);
    expect(mail[0].textBody).toContain('203.0.113.66');
    expect(mail[0].textBody).toContain('203.0.113.67');

    // An interval later the next refusal reports every refusal since the previous notice.
    await getDb().update(apiKeys).set({ ipRefusalNoticeAt: sql`now() - interval '2 hours'` }).where(eq(apiKeys.id, key.id));
    await writeBatch(usageRows(key, [{ outcome: 'ip_not_allowed', ip: '203.0.113.69' }]));
    mail = await mailOf(key.id);
    expect(mail.map((m) => m.kind)).toEqual(['ip_refused', 'ip_refused']);
    expect(mail[1].textBody).toContain('203.0.113.68');
    expect(mail[1].textBody).toContain('203.0.113.69');
  });
});

describe('digests', () => {
  const digest = () => queueDueDigests({ intervalSeconds: 3600, settleSeconds: 0, limit: 1000 });
  const windowStartsAgo = (key: { id: string }, interval: string) =>
    getDb().update(apiKeys).set({ notifyDigestFrom: sql`now() - ${interval}::interval` }).where(eq(apiKeys.id, key.id));

  it('summarises the calls after the first use at most once per interval', async () => {
    const key = await notifyingKey();
    await writeBatch(usageRows(key, [{ ip: '198.51.100.20' }]));
    await writeBatch(usageRows(key, [...calls(7, { ip: '198.51.100.20', integrationName: 'Nightly export' }), ...calls(2, { ip: '198.51.100.21', outcome: 'validation_failed' })]));
    await digest();
    // Refused calls from 198.51.100.21 are not a use of the key: no "new address" message.
    expect((await mailOf(key.id)).map((m) => m.kind)).toEqual(['first_use']);

    await windowStartsAgo(key, '61 minutes');
    await digest();
    await digest();
    const mail = await mailOf(key.id);
    expect(mail.map((m) => m.kind)).toEqual(['first_use', 'digest']);
    const text = mail[1].textBody;
    expect(mail[1].subject).toContain('10 requests');
    expect(text).toContain('Nightly export');
    expect(text).toContain('198.51.100.21');
    expect(text).toMatch(/Validation failed/);
  });

  it('sends no digest for a quiet window, or once notifications are off', async () => {
    const quiet = await notifyingKey();
    await windowStartsAgo(quiet, '2 hours');
    const off = await notifyingKey();
    await writeBatch(usageRows(off, calls(3)));
    await getDb().update(apiKeys).set({ notifyOnUse: false, notifyDigestFrom: null }).where(eq(apiKeys.id, off.id));
    await digest();
    expect(await mailOf(quiet.id)).toEqual([]);
    expect((await mailOf(off.id)).map((m) => m.kind)).toEqual(['first_use']);
  });
});

