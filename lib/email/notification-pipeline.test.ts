// The whole path in one process: an integration calls the API, the usage recorder writes the
// batch and queues the notice, the outbox worker sends it through the real Resend SDK to a fake.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { GET as me } from '@/app/api/v1/me/route';
import { closeDatabase, getDb } from '@/db/index';
import { apiKeys } from '@/db/schema';
import { stopApiKeyInvalidation } from '@/lib/api-keys/key-invalidation';
import { configureUsageRecorder, flushUsage } from '@/lib/api/usage-recorder';
import { callRoute, createTestKey } from '@/test/api';
import { createTestCommunity } from '@/test/db';
import { startFakeResend, type FakeResend } from '@/test/fake-resend';
import { mailOf } from './__fixtures__/calls';
import { queueDueDigests } from './notice-job';
import { startMailWorker, type MailWorker } from './outbox-worker';
import { createTransport } from './transport';

let fake: FakeResend;
let worker: MailWorker;
let community: Awaited<ReturnType<typeof createTestCommunity>>;

beforeAll(async () => {
  fake = await startFakeResend();
  community = await createTestCommunity();
  configureUsageRecorder({ intervalMs: 50 });
  const transport = createTransport({ RESEND_API_KEY: 're_pipeline_test', RESEND_BASE_URL: fake.url, MAIL_FROM: 'Acme <keys@acme.test>' });
  worker = startMailWorker({ db: getDb(), transport, pollMs: 50, communityId: community.communityId });
});
afterAll(async () => {
  await worker.stop();
  await fake.stop();
  await stopApiKeyInvalidation();
  await closeDatabase();
});

const sentFor = (keyName: string) => fake.delivered.filter((d) => d.email.subject.includes(keyName));

/** What an admin's inbox shows once the background worker got to it: waited for, not timed. */
const eventually = (check: () => void) => vi.waitFor(check, { timeout: 10_000, interval: 20 });
/** What was queued for the key: anything not in the outbox can never be sent. */
const queuedFor = async (keyId: string) => (await mailOf(keyId)).map((mail) => mail.kind);

describe('an integration calling the API with a key whose notifications are on', () => {
  it('first use: one message; 500 more calls: nothing more until the digest, then exactly one', async () => {
    const key = await createTestKey({ communityId: community.communityId, createdById: community.admin.id, notifyOnUse: true });
    const call = () => callRoute(me, { path: '/api/v1/me', key: key.key, ip: '198.51.100.10', headers: { 'x-integration-name': 'CRM sync' } });
    expect((await call()).status).toBe(200);

    await eventually(() => expect(sentFor(key.name)).toHaveLength(1));
    const [first] = sentFor(key.name);
    expect(first.email.to).toEqual([community.admin.email]);
    expect(first.email.from).toBe('Acme <keys@acme.test>');
    expect(first.email.subject).toMatch(/used for the first time/);
    expect(first.email.text).toContain(key.hint);
    expect(first.email.text).toContain('198.51.100.10');
    expect(first.email.html).toContain(key.hint);
    expect(first.idempotencyKey).toMatch(/^outbox\/[0-9a-f-]{36}$/);
    for (const part of [first.email.subject, first.email.text, first.email.html]) expect(part).not.toContain(key.key);

    for (let i = 0; i < 500; i++) expect((await call()).status).toBe(200);
    await flushUsage();
    await queueDueDigests({ intervalSeconds: 3600, settleSeconds: 0 });
    await worker.drainOnce();
    expect(await queuedFor(key.id)).toEqual(['first_use']);
    expect(sentFor(key.name)).toHaveLength(1);

    // An hour later (the window moved back), the digest covers the 500 calls; a second run adds nothing.
    await getDb().update(apiKeys).set({ notifyDigestFrom: sql`now() - interval '1 hour'` }).where(eq(apiKeys.id, key.id));
    await queueDueDigests({ intervalSeconds: 3600, settleSeconds: 0 });
    await queueDueDigests({ intervalSeconds: 3600, settleSeconds: 0 });
    expect(await queuedFor(key.id)).toEqual(['first_use', 'digest']);
    await eventually(() => expect(sentFor(key.name)).toHaveLength(2));
    const digest = sentFor(key.name)[1];
    expect(digest.email.subject).toMatch(/501 requests/);
    expect(digest.email.text).toContain('CRM sync');
  });

  it('a call from a new address: one message naming it; refused calls from elsewhere: one security notice', async () => {
    const key = await createTestKey({ communityId: community.communityId, createdById: community.admin.id, notifyOnUse: true, ipLimits: ['198.51.100.0/24'] });
    for (const ip of ['198.51.100.1', '198.51.100.1', '198.51.100.2']) {
      expect((await callRoute(me, { path: '/api/v1/me', key: key.key, ip })).status).toBe(200);
      await flushUsage();
    }
    for (let i = 0; i < 20; i++) expect((await callRoute(me, { path: '/api/v1/me', key: key.key, ip: '203.0.113.99' })).status).toBe(403);
    await flushUsage();

    expect(await queuedFor(key.id)).toEqual(['first_use', 'new_ip', 'ip_refused']);
    await eventually(() => expect(sentFor(key.name)).toHaveLength(3));
    const subjects = sentFor(key.name).map((d) => d.email.subject);
    expect(subjects[0]).toMatch(/first time/);
    expect(subjects[1]).toMatch(/new IP address 198\.51\.100\.2/);
    expect(subjects[2]).toMatch(/^Security notice: .*refused calls/);
    expect(sentFor(key.name)[2].email.text).toContain('203.0.113.99');
    expect(new Set(fake.requests.map((r) => r.idempotencyKey)).size).toBe(fake.requests.length);
  });
});
