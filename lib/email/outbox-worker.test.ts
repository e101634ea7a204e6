import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { drizzle } from 'drizzle-orm/postgres-js';
import { eq, inArray } from 'drizzle-orm';
import postgres from 'postgres';
import { closeDatabase, getDatabase, getDb, schema, type Db } from '@/db/index';
import { enqueueMail } from '@/db/queries/mail-outbox';
import { mailOutbox } from '@/db/schema';
import { log } from '@/lib/logger';
import { createTestCommunity, migrateOnce } from '@/test/db';
import { startFakeResend, type FakeResend } from '@/test/fake-resend';
import { startMailWorker, type MailWorker, type MailWorkerOptions } from './outbox-worker';
import { createTransport } from './transport';

const API_KEY = `re_test_${randomUUID().replaceAll('-', '')}`;
const MAIL_FROM = 'Integration Center <alerts@example.test>';
/** Retries within milliseconds, so a test sees several attempts in well under a second. */
const FAST_BACKOFF = { baseMs: 20, capMs: 100, maxAttempts: 100 };

let fake: FakeResend;
let community: Awaited<ReturnType<typeof createTestCommunity>>;
const running: MailWorker[] = [];

beforeAll(() => migrateOnce());
beforeEach(async () => {
  fake = await startFakeResend();
  community = await createTestCommunity();
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((worker) => worker.stop()));
  await fake.stop();
  vi.restoreAllMocks();
});
afterAll(() => closeDatabase());

const resend = () => createTransport({ RESEND_API_KEY: API_KEY, RESEND_BASE_URL: fake.url, MAIL_FROM });

function start(options: MailWorkerOptions = {}): MailWorker {
  const worker = startMailWorker({
    db: getDb(),
    transport: resend(),
    pollMs: 20,
    backoff: FAST_BACKOFF,
    communityId: community.communityId,
    ...options,
  });
  running.push(worker);
  return worker;
}

async function queue(count: number): Promise<string[]> {
  const tag = randomUUID().slice(0, 8);
  const mails = Array.from({ length: count }, (_, i) => ({
    communityId: community.communityId,
    apiKeyId: null,
    kind: 'key_disabled' as const,
    dedupeKey: `test/${tag}/${i}`,
    recipientId: community.admin.id,
    toAddress: community.admin.email,
    subject: `Key disabled ${tag} #${i}`,
    text: `Plain text ${i}`,
    html: `<p>HTML ${i}</p>`,
  }));
  await enqueueMail(getDb(), mails);
  const rows = await getDb()
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(inArray(mailOutbox.dedupeKey, mails.map((mail) => mail.dedupeKey)));
  return rows.map((row) => row.id);
}

const rowsOf = (ids: string[]) => getDb().select().from(mailOutbox).where(inArray(mailOutbox.id, ids));
const rowOf = async (id: string) => (await rowsOf([id]))[0];

/** Waits until `check` holds (the worker runs in the background); fails naming `what` after `timeoutMs`. */
function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  return vi.waitFor(
    async () => {
      if (!(await check())) throw new Error(`timed out waiting for ${what}`);
    },
    { timeout: timeoutMs, interval: 10 },
  );
}

const allHaveStatus = (ids: string[], status: string) => async () => (await rowsOf(ids)).every((row) => row.status === status);
const requestsFor = (id: string) => fake.requests.filter((request) => request.idempotencyKey === `outbox/${id}`);

describe('mail outbox worker', () => {
  it('delivers a queued message through Resend', async () => {
    const [id] = await queue(1);
    start();
    await waitFor('the message to be sent', allHaveStatus([id], 'sent'));

    expect(fake.delivered).toHaveLength(1);
    const [delivery] = fake.delivered;
    expect(delivery.email).toMatchObject({ from: MAIL_FROM, to: [community.admin.email], text: 'Plain text 0', html: '<p>HTML 0</p>' });
    expect(delivery.email.subject).toMatch(/^Key disabled .* #0$/);
    expect(delivery.authorization).toBe(`Bearer ${API_KEY}`);
    expect(delivery.idempotencyKey).toBe(`outbox/${id}`);
    const row = await rowOf(id);
    expect(row).toMatchObject({ status: 'sent', delivery: 'resend', providerId: delivery.id, attempts: 1, lockedUntil: null, lastError: null });
    expect(row.sentAt).toBeInstanceOf(Date);
  });

  it('retries after a server error and delivers once', async () => {
    fake.failNext(1, 500);
    const [id] = await queue(1);
    start();
    await waitFor('the retry to succeed', allHaveStatus([id], 'sent'));

    expect(requestsFor(id).map((request) => request.status)).toEqual([500, 200]);
    expect(fake.delivered).toHaveLength(1);
    expect(await rowOf(id)).toMatchObject({ status: 'sent', attempts: 2, providerId: fake.delivered[0].id });
  });

  it('delivers everything queued during an outage once Resend is back, each message once', async () => {
    await fake.stop();
    const ids = await queue(10);
    start();
    await waitFor('a few failed rounds', async () => (await rowsOf(ids)).every((row) => row.status === 'pending' && row.attempts >= 3));
    expect((await rowOf(ids[0])).lastError).toMatch(/could not be reached/);

    await fake.start();
    await waitFor('every message to be sent', allHaveStatus(ids, 'sent'));
    expect(fake.delivered.map((delivery) => delivery.idempotencyKey).sort()).toEqual(ids.map((id) => `outbox/${id}`).sort());
    expect(fake.requests).toHaveLength(10);
  });

  it('shares the outbox between two instances without sending anything twice', async () => {
    const database = getDatabase();
    // Two instances are two connections; PGlite has only one, so both use it there.
    const second = database.kind === 'postgres' ? postgres(process.env.DATABASE_URL as string, { max: 4, onnotice: () => {} }) : null;
    const otherDb: Db = second ? drizzle(second, { schema }) : getDb();
    try {
      const ids = await queue(50);
      // Polling is slow; drainOnce drives both as fast as they go.
      const one = start({ batchSize: 5, pollMs: 60_000 });
      const two = start({ db: otherDb, batchSize: 5, pollMs: 60_000 });
      const drain = async (worker: MailWorker) => {
        let claimed = 0;
        for (let batch = await worker.drainOnce(); batch > 0; batch = await worker.drainOnce()) claimed += batch;
        return claimed;
      };
      const [byOne, byTwo] = await Promise.all([drain(one), drain(two)]);
      await waitFor('every message to be sent', allHaveStatus(ids, 'sent'));

      expect(byOne).toBeGreaterThan(0);
      expect(byTwo).toBeGreaterThan(0);
      expect(fake.requests).toHaveLength(50);
      expect(new Set(fake.requests.map((request) => request.idempotencyKey)).size).toBe(50);
      expect(fake.delivered).toHaveLength(50);
      // A row claimed twice would show a second attempt.
      expect((await rowsOf(ids)).map((row) => row.attempts)).toEqual(Array(50).fill(1));
    } finally {
      await second?.end({ timeout: 5 });
    }
  });

  it('gives up at once when Resend refuses the message', async () => {
    const error = vi.spyOn(log, 'error');
    fake.failNext(1, 422);
    const [id] = await queue(1);
    start();
    await waitFor('the message to fail', allHaveStatus([id], 'failed'));

    const row = await rowOf(id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1, delivery: null });
    expect(row.lastError).toMatch(/422 \(validation_error\): Programmed failure 422/);
    expect(fake.delivered).toHaveLength(0);
    expect(error).toHaveBeenCalledTimes(1);
    const [fields] = error.mock.calls[0] as unknown as [Record<string, unknown>];
    expect(fields).toMatchObject({ mailId: id, kind: 'key_disabled', recipientDomain: 'example.test' });
    expect(JSON.stringify(fields)).not.toContain(community.admin.email);
    expect(JSON.stringify(fields)).not.toContain('Plain text');
  });

  it('gives up after the last attempt when Resend keeps failing', async () => {
    fake.failNext(1_000, 500);
    const [id] = await queue(1);
    start({ backoff: { baseMs: 20, capMs: 100, maxAttempts: 3 } });
    await waitFor('the message to fail', allHaveStatus([id], 'failed'));

    expect(await rowOf(id)).toMatchObject({ status: 'failed', attempts: 3 });
    expect((await rowOf(id)).lastError).toMatch(/500/);
    expect(requestsFor(id)).toHaveLength(3);
  });

  it('delivers to the local mailbox when no Resend key is configured', async () => {
    const [id] = await queue(1);
    start({ transport: createTransport({ RESEND_API_KEY: undefined, RESEND_BASE_URL: fake.url, MAIL_FROM }) });
    await waitFor('the message to be delivered', allHaveStatus([id], 'sent'));

    expect(await rowOf(id)).toMatchObject({ status: 'sent', delivery: 'mailbox', providerId: null, attempts: 1 });
    expect(fake.requests).toHaveLength(0);
  });

  it('takes over a message whose sender crashed, but not one still leased', async () => {
    const [crashed, leased] = await queue(2);
    const past = new Date(Date.now() - 60_000);
    await getDb().update(mailOutbox).set({ status: 'sending', attempts: 1, lockedUntil: past, nextAttemptAt: past }).where(eq(mailOutbox.id, crashed));
    await getDb()
      .update(mailOutbox)
      .set({ status: 'sending', attempts: 1, lockedUntil: new Date(Date.now() + 10 * 60_000), nextAttemptAt: past })
      .where(eq(mailOutbox.id, leased));
    const worker = start();
    await waitFor('the abandoned message to be sent', allHaveStatus([crashed], 'sent'));
    expect(await worker.drainOnce()).toBe(0);

    expect(await rowOf(crashed)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await rowOf(leased)).toMatchObject({ status: 'sending', attempts: 1 });
    expect(fake.delivered.map((delivery) => delivery.idempotencyKey)).toEqual([`outbox/${crashed}`]);
  });

  it('gives up on a message whose senders kept stopping, without sending it again', async () => {
    const [doomed] = await queue(1);
    const past = new Date(Date.now() - 60_000);
    await getDb().update(mailOutbox).set({ status: 'sending', attempts: 3, lockedUntil: past, nextAttemptAt: past }).where(eq(mailOutbox.id, doomed));
    start({ backoff: { ...FAST_BACKOFF, maxAttempts: 3 } });
    // The worker's first round takes the row over (its lease ran out); drainOnce() could race it.
    await waitFor('the row to be failed', async () => (await rowOf(doomed)).status === 'failed');
    expect(await rowOf(doomed)).toMatchObject({ status: 'failed', attempts: 4 });
    expect((await rowOf(doomed)).lastError).toMatch(/stopped/);
    expect(requestsFor(doomed)).toEqual([]);
  });

  it('keeps polling while the database is unreachable, and resumes', async () => {
    const warn = vi.spyOn(log, 'warn');
    const ids = await queue(3);
    let down = true;
    const unreachable = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    const flaky = new Proxy(getDb(), {
      get: (target, property, receiver) => (down && property === 'transaction' ? unreachable : Reflect.get(target, property, receiver)),
    });
    start({ db: flaky });
    await waitFor('the worker to report the outage', () => warn.mock.calls.some((call) => String(call[1]).includes('could not be read')));
    expect(JSON.stringify(warn.mock.calls[0][0])).toContain('ECONNREFUSED');

    down = false;
    await waitFor('every message to be sent', allHaveStatus(ids, 'sent'));
    expect(fake.delivered).toHaveLength(3);
  });

  it('sends a message again under the same key when its result could not be recorded', async () => {
    const ids = await queue(1);
    let failSettles = 1;
    const realDb = getDb();
    const flaky = new Proxy(realDb, {
      get(target, property, receiver) {
        if (property === 'update' && failSettles > 0) {
          failSettles--;
          return () => {
            throw new Error('Connection terminated unexpectedly');
          };
        }
        return Reflect.get(target, property, receiver);
      },
    });
    start({ db: flaky, leaseMs: 300 });
    await waitFor('the message to be sent', allHaveStatus(ids, 'sent'), 15_000);

    // Resend saw the request twice but, by its idempotency key, delivered once.
    expect(requestsFor(ids[0])).toHaveLength(2);
    expect(fake.delivered).toHaveLength(1);
    expect(await rowOf(ids[0])).toMatchObject({ attempts: 2, providerId: fake.delivered[0].id });
  });

  it('sends what is left when it shuts down', async () => {
    const worker = startMailWorker({ transport: resend(), pollMs: 60_000, communityId: community.communityId });
    const [id] = await queue(1);

    await worker.shutDown();
    expect(await rowOf(id)).toMatchObject({ status: 'sent', delivery: 'resend' });
    expect(fake.delivered).toHaveLength(1);
  });
});
