import { setTimeout as sleep } from 'node:timers/promises';
import { startFakeResend } from '../../test/fake-resend';
import { createBenchKey } from '../bench/db';
import { adminCookie, disableKeyAction } from './admin';
import type { DrillContext } from './context';
import { check, serverNotes, type ScenarioReport } from './report';
import { eventLines, isOk, seconds, type DrillEvent } from './timeline';
import { call, startClock } from './traffic';

const KEYS = 8;
const WAIT_FOR_DELIVERY_MS = 5 * 60_000;

/**
 * Resend failing: two instances send through a fake Resend (test/fake-resend.ts, RESEND_BASE_URL)
 * that answers 503 to everything for `failSeconds`. Half the keys are disabled through the admin's
 * Disable action (A and B in turn) as the failure starts, half midway: each queues a security
 * notice in the outbox. Then the fake recovers; the drill waits until every notice is sent and
 * counts what the fake delivered per idempotency key.
 */
export async function resendOutage(context: DrillContext, { failSeconds }: { failSeconds: number }): Promise<ScenarioReport> {
  const { sql } = context;
  const fake = await startFakeResend();
  try {
    const env = { RESEND_API_KEY: 're_drill', RESEND_BASE_URL: fake.url, MAIL_FROM: 'Drill <drill@example.test>', APP_URL: 'https://community.example.test' };
    const instances = await Promise.all([context.startInstance(env), context.startInstance(env)]);
    const died = instances.map(() => false);
    let stopping = false;
    instances.forEach((server, i) => void server.exited.then(() => (died[i] = !stopping)));
    const cookie = await adminCookie(sql, context.authSecret);
    const keys = await Promise.all(Array.from({ length: KEYS }, (_, i) => createBenchKey(sql, `resend ${i}`)));
    const clock = startClock();
    const events: DrillEvent[] = [];
    const disable = async (from: number, to: number) => {
      const answers = await Promise.all(keys.slice(from, to).map((key, i) => call(disableKeyAction(instances[i % 2].baseUrl, cookie, key.id), clock)));
      events.push({ at: clock(), label: `keys ${from + 1}–${to} disabled through A and B: ${answers.filter(isOk).length}/${answers.length} actions ok` });
    };

    fake.failNext(Number.MAX_SAFE_INTEGER, 503);
    events.push({ at: clock(), label: 'fake Resend answers 503 to everything' });
    await disable(0, KEYS / 2);
    await sleep((failSeconds * 1000) / 2);
    await disable(KEYS / 2, KEYS);
    await sleep(Math.max(0, failSeconds * 1000 - clock()));
    fake.failNext(0, 503);
    const recoveredAt = clock();
    events.push({ at: recoveredAt, label: 'fake Resend recovers' });

    const ids = keys.map((key) => key.id);
    const outbox = async () => sql<{ id: string; status: string; attempts: number }[]>`
      select id, status::text as status, attempts from mail_outbox where api_key_id = any(${ids}::uuid[])`;
    let rows = await outbox();
    let lastDeliveryAt = recoveredAt;
    let delivered = fake.delivered.length;
    while (rows.some((row) => row.status === 'pending' || row.status === 'sending') && clock() - recoveredAt < WAIT_FOR_DELIVERY_MS) {
      await sleep(250);
      if (fake.delivered.length !== delivered) [delivered, lastDeliveryAt] = [fake.delivered.length, clock()];
      rows = await outbox();
    }
    if (fake.delivered.length !== delivered) lastDeliveryAt = clock();
    events.push({ at: lastDeliveryAt, label: 'last delivery' });
    stopping = true;
    await context.stopInstances();
    rows = await outbox();

    const deliveries = (id: string) => fake.delivered.filter((d) => d.idempotencyKey === `outbox/${id}`).length;
    const requests = (id: string) => fake.requests.filter((r) => r.idempotencyKey === `outbox/${id}`);
    const perMail = rows.map((row) => ({ status: row.status, attempts: row.attempts, requests: requests(row.id).length, failed: requests(row.id).filter((r) => r.status >= 500).length, delivered: deliveries(row.id) }));
    const once = perMail.filter((m) => m.delivered === 1 && m.status === 'sent').length;
    const twice = perMail.filter((m) => m.delivered > 1).length;
    const notes = instances.map((server, i) => serverNotes(`instance ${'AB'[i]}`, server, died[i]));
    const lines = [
      ...eventLines(events),
      '',
      `  ${rows.length} notices queued for ${KEYS} disabled keys; fake Resend failing ${seconds(recoveredAt)}`,
      `  per notice (status, attempts, requests to the fake, 503s, deliveries):`,
      ...perMail.map((m, i) => `    ${String(i + 1).padStart(2)}  ${m.status.padEnd(8)} attempts ${m.attempts}  requests ${m.requests}  503s ${m.failed}  delivered ${m.delivered}`),
      `  delivered exactly once: ${once}/${rows.length}; more than once: ${twice}; last delivery ${seconds(lastDeliveryAt - recoveredAt)} after the fake recovered`,
      ...notes.flatMap((n) => n.lines),
    ];
    return {
      scenario: 'resend',
      lines,
      targets: [check(`Resend failing ${failSeconds} s: each e-mail delivered exactly once`, `${once}/${rows.length} once, ${twice} more than once`, rows.length === KEYS && once === rows.length)],
      figures: { failMs: Math.round(recoveredAt), notices: rows.length, once, twice, lastDeliveryAfterRecoveryMs: Math.round(lastDeliveryAt - recoveredAt), perMail, servers: notes.map((n) => n.figures) },
    };
  } finally {
    await fake.stop();
  }
}
