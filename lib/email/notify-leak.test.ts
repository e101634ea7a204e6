import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeDatabase, getDb } from '@/db/index';
import { createTestKey } from '@/lib/api-keys/__fixtures__/test-keys';
import { reportLeakedKey } from '@/lib/api-keys/report-leaked-key';
import { createTestCommunity } from '@/test/db';
import { startFakeResend, type FakeResend } from '@/test/fake-resend';
import { startMailWorker } from './outbox-worker';
import { createTransport } from './transport';

let fake: FakeResend;
let community: Awaited<ReturnType<typeof createTestCommunity>>;
beforeAll(async () => {
  fake = await startFakeResend();
  community = await createTestCommunity();
});
afterAll(async () => {
  await fake.stop();
  await closeDatabase();
});

describe('the leaked-key notice', () => {
  it('goes through the outbox to Resend once, however often the key is reported', async () => {
    const key = await createTestKey({ communityId: community.communityId, createdById: community.admin.id, name: 'Billing <sync>' });
    const report = () =>
      reportLeakedKey({ apiKeyId: key.id, communityId: community.communityId, hash: key.hash, reporter: 'github', reporterIp: '140.82.115.9', tokenType: 'ic_key', url: 'https://github.com/o/r/blob/1/.env', source: 'commit' });
    await Promise.all([report(), report()]);
    await report();

    const transport = createTransport({ RESEND_API_KEY: 're_test', RESEND_BASE_URL: fake.url, MAIL_FROM: 'IC <ic@example.test>' });
    // The worker's own first poll may claim the message before an explicit drain would: wait for
    // the delivery, then drain once more so a second message, if one had been queued, would go too.
    const worker = startMailWorker({ db: getDb(), transport, pollMs: 50, communityId: community.communityId });
    try {
      await vi.waitFor(() => expect(fake.delivered.length).toBeGreaterThan(0), { timeout: 10_000 });
      await worker.drainOnce();
    } finally {
      await worker.stop();
    }
    expect(fake.delivered.map((d) => [d.email.to, d.email.subject])).toEqual([[[community.admin.email], 'Security notice: API key “Billing <sync>” was reported leaked']]);
    const { text, html } = fake.delivered[0].email;
    for (const part of [text, html]) {
      expect(part).toContain('https://github.com/o/r/blob/1/.env');
      expect(part).toContain(`/admin/integration-center/api-keys/${key.id}?rotate=1`);
      expect(part).not.toContain(key.key);
    }
    expect(html).toContain('Billing &lt;sync&gt;');
  });
});
