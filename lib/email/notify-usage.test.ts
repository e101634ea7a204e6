import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, getDb } from '@/db/index';
import { apiKeys } from '@/db/schema';
import { createTestKey } from '@/lib/api-keys/__fixtures__/test-keys';
import { createTestCommunity } from '@/test/db';
import { calls, mailOf, usageRows, writeBatch } from './__fixtures__/calls';
import { queueDueDigests, queueUnreportedRefusals } from './notice-job';

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

  it('counts a call as use once the key was accepted from that address, even if the request then failed', async () => {
    const key = await notifyingKey();
    await writeBatch(usageRows(key, [{ outcome: 'key_disabled' }, { outcome: 'key_expired', ip: '203.0.113.50' }]));
    expect(await mailOf(key.id)).toEqual([]);
    await writeBatch(usageRows(key, [{ outcome: 'validation_failed', ip: '203.0.113.50' }]));
    expect((await mailOf(key.id)).map((m) => m.kind)).toEqual(['first_use']);
  });

  it('lists every address of the first moment in the first-use message', async () => {
    const key = await notifyingKey();
    await writeBatch(usageRows(key, [{ ip: '198.51.100.31' }, ...calls(3, { ip: '198.51.100.32' })]));
    const mail = await mailOf(key.id);
    expect(mail.map((m) => m.kind)).toEqual(['first_use']);
    expect(mail[0].textBody).toContain('198.51.100.31');
    expect(mail[0].textBody).toMatch(/Also used from[\s\S]*198\.51\.100\.32/);
  });

  it('tells of new addresses at most once per interval; the rest wait for the digest', async () => {
    const key = await notifyingKey();
    await writeBatch(usageRows(key, [{ ip: '203.0.113.71' }]));
    await writeBatch(usageRows(key, [{ ip: '203.0.113.72' }]));
    await writeBatch(usageRows(key, [{ ip: '203.0.113.73' }]));
    expect((await mailOf(key.id)).map((m) => m.kind)).toEqual(['first_use', 'new_ip']);

    await getDb().update(apiKeys).set({ newIpNoticeAt: sql`now() - interval '2 hours'` }).where(eq(apiKeys.id, key.id));
    await writeBatch(usageRows(key, [{ ip: '203.0.113.74' }]));
    const mail = await mailOf(key.id);
    expect(mail.map((m) => m.kind)).toEqual(['first_use', 'new_ip', 'new_ip']);
    expect(mail[2].textBody).toContain('203.0.113.74');
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
  // The window's start is compared with the database's now(): an hour passes by moving it back.
  const anHourLater = (...keyIds: string[]) =>
    getDb().update(apiKeys).set({ notifyDigestFrom: sql`${apiKeys.notifyDigestFrom} - interval '2 hours'` }).where(inArray(apiKeys.id, keyIds));

  it('after the interval, one digest covers every call since the first use; then nothing until new calls', async () => {
    const key = await notifyingKey();
    await writeBatch(usageRows(key, [{ ip: '198.51.100.20' }, ...calls(2, { ip: '198.51.100.22' })]));
    await writeBatch(usageRows(key, [...calls(5, { ip: '198.51.100.20', integrationName: 'Nightly export' }), ...calls(2, { ip: '198.51.100.21', outcome: 'key_disabled' })]));
    await digest();
    expect((await mailOf(key.id)).map((m) => m.kind)).toEqual(['first_use']);

    await anHourLater(key.id);
    await Promise.all([digest(), digest()]);
    await digest();
    const mail = await mailOf(key.id);
    expect(mail.map((m) => m.kind)).toEqual(['first_use', 'digest']);
    expect(mail[1].subject).toContain('10 requests');
    expect(mail[1].textBody).toContain('Nightly export');
    expect(mail[1].textBody).toContain('198.51.100.22');
    expect(mail[1].textBody).toMatch(/Key disabled/);
  });

  it('sends no digest for a quiet window, or once notifications are off', async () => {
    const quiet = await notifyingKey();
    const off = await notifyingKey();
    const busy = await notifyingKey();
    await writeBatch(usageRows(off, calls(3)));
    await writeBatch(usageRows(busy, calls(3)));
    await getDb().update(apiKeys).set({ notifyOnUse: false, notifyDigestFrom: null }).where(eq(apiKeys.id, off.id));
    await anHourLater(quiet.id, off.id, busy.id);
    await digest();
    expect(await mailOf(quiet.id)).toEqual([]);
    expect((await mailOf(off.id)).map((m) => m.kind)).toEqual(['first_use']);
    // The same run does send a digest for a key with calls and notifications on.
    expect((await mailOf(busy.id)).map((m) => m.kind)).toEqual(['first_use', 'digest']);
  });
});

describe('refusals inside a quiet interval', () => {
  it('are reported once the interval is over, without waiting for another refused call', async () => {
    const key = await notifyingKey(false);
    await writeBatch(usageRows(key, [{ outcome: 'ip_not_allowed', ip: '203.0.113.80' }]));
    await writeBatch(usageRows(key, calls(4, { outcome: 'ip_not_allowed', ip: '203.0.113.81' })));
    await queueUnreportedRefusals({ intervalSeconds: 3600 });
    expect((await mailOf(key.id)).map((m) => m.kind)).toEqual(['ip_refused']);

    await getDb().update(apiKeys).set({ ipRefusalNoticeAt: sql`now() - interval '2 hours'` }).where(eq(apiKeys.id, key.id));
    await queueUnreportedRefusals({ intervalSeconds: 3600 });
    await queueUnreportedRefusals({ intervalSeconds: 3600 });
    const mail = await mailOf(key.id);
    expect(mail.map((m) => m.kind)).toEqual(['ip_refused', 'ip_refused']);
    expect(mail[1].textBody).toContain('203.0.113.81');
  });
});
