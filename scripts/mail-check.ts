/**
 * `npm run check:mail`: e-mail notifications end to end, on two production instances sharing one
 * Postgres, the real Resend SDK pointed at a local fake Resend server (test/fake-resend.ts).
 *
 * One key with notifications on is hammered through BOTH instances at once (autocannon, from
 * 127.0.0.1), a few calls come from a second address (127.0.0.2), and a few from an address its
 * IP limit refuses is simulated by tightening the limit. NOTIFY_INTERVAL_SECONDS is short so
 * several digest windows pass. Then both instances stop (SIGTERM: usage flushed, outbox drained)
 * and the script prints what the fake received per kind, and whether anything went twice or was
 * left behind. Exit code 1 if a message was duplicated or not delivered.
 *
 * Options: --duration <s of load, 40> --interval <NOTIFY_INTERVAL_SECONDS, 10> --connections <20 per instance>
 */
import { request } from 'node:http';
import { parseArgs } from 'node:util';
import { startFakeResend } from '../test/fake-resend';
import { createBenchKey, prepareDatabase } from './bench/db';
import { runLoad } from './bench/load';
import { ensureBuild, startServer, type RunningServer } from './bench/server';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '40' },
    interval: { type: 'string', default: '10' },
    connections: { type: 'string', default: '20' },
  },
});

/** One API call from a chosen local address (the server sees it as the client IP). */
function callFrom(baseUrl: string, key: string, localAddress: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}/api/v1/me`, { headers: { 'x-api-key': key, 'x-integration-name': 'mail check' }, localAddress }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

async function main() {
  console.log(ensureBuild(false));
  const fake = await startFakeResend();
  const db = await prepareDatabase();
  const servers: RunningServer[] = [];
  try {
    const env = {
      RESEND_API_KEY: 're_mail_check',
      RESEND_BASE_URL: fake.url,
      NOTIFY_INTERVAL_SECONDS: args.interval,
      MAIL_FROM: 'Mail check <check@example.test>',
      APP_URL: 'https://community.example.test',
    };
    servers.push(...(await Promise.all([3311, 3312].map((port) => startServer({ port, databaseUrl: db.url, env })))));
    const key = await createBenchKey(db.sql, 'mail-check');
    await db.sql`update api_keys set notify_on_use = true, notify_user_id = created_by_id, notify_digest_from = now() where id = ${key.id}`;
    console.log(`two instances: ${servers.map((s) => s.baseUrl).join(', ')}; fake Resend at ${fake.url}`);

    const load = Promise.all(
      servers.map((server) => runLoad({ url: `${server.baseUrl}/api/v1/me`, connections: Number(args.connections), durationSec: Number(args.duration), headers: { 'x-api-key': key.key } })),
    );
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    for (const server of servers) console.log(`127.0.0.2 → ${server.baseUrl}: ${await callFrom(server.baseUrl, key.key, '127.0.0.2')}`);
    // As the edit form does: change the limits and tell every instance's key cache at commit.
    await db.sql`with changed as (update api_keys set ip_limits = '{127.0.0.1}' where id = ${key.id} returning hash)
      select pg_notify('api_key_changed', hash) from changed`; // the channel of API_KEY_CHANGED_CHANNEL (its module is server-only)
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    for (let i = 0; i < 5; i++) for (const server of servers) await callFrom(server.baseUrl, key.key, '127.0.0.3');
    const results = await load;
    console.log(`load: ${results.map((r) => `${r.responses} responses (${r.reqPerSec.toFixed(0)} req/s)`).join(' + ')}`);
    // Let the last digest window come due, then stop both instances gracefully.
    await new Promise((resolve) => setTimeout(resolve, (Number(args.interval) + 35) * 1_000));
    const codes = await Promise.all(servers.splice(0).map((server) => server.stop()));
    console.log(`instances exited with ${codes.join(', ')}`);

    const outbox = await db.sql<{ id: string; kind: string; status: string }[]>`
      select id, kind, status::text from mail_outbox where api_key_id = ${key.id} order by created_at`;
    const usage = await db.sql<{ n: number }[]>`select count(*)::int as n from api_requests where api_key_id = ${key.id}`;
    // Only this key's messages count (DATABASE_URL may hold others).
    const mine = new Set(outbox.map((row) => `outbox/${row.id}`));
    const requests = fake.requests.filter((r) => r.idempotencyKey && mine.has(r.idempotencyKey));
    const delivered = fake.delivered.filter((d) => d.idempotencyKey && mine.has(d.idempotencyKey));
    const tally = (items: string[]) => [...items.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<string, number>())].map(([k, n]) => `${k} ${n}`).join(', ');
    console.log(`usage rows for the key: ${usage[0].n}`);
    console.log(`outbox: ${tally(outbox.map((row) => `${row.kind}/${row.status}`))}`);
    const kindOf = new Map(outbox.map((row) => [`outbox/${row.id}`, row.kind]));
    console.log(`fake Resend: ${requests.length} requests, ${delivered.length} delivered (${tally(delivered.map((d) => kindOf.get(d.idempotencyKey!)!))}), ${new Set(delivered.map((d) => d.idempotencyKey)).size} distinct idempotency keys`);
    const firstUses = outbox.filter((row) => row.kind === 'first_use').length;
    const ok = outbox.every((row) => row.status === 'sent') && delivered.length === outbox.length && requests.length === outbox.length && firstUses === 1;
    console.log(ok ? 'OK: one first-use message, every message delivered exactly once' : 'PROBLEM: a message was duplicated, missing or not delivered');
    process.exitCode = ok ? 0 : 1;
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await fake.stop();
    await db.dispose();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
