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

    const outbox = await db.sql<{ kind: string; status: string; n: number }[]>`
      select kind, status::text, count(*)::int as n from mail_outbox group by kind, status order by kind, status`;
    const usage = await db.sql<{ n: number }[]>`select count(*)::int as n from api_requests where api_key_id = ${key.id}`;
    const byKind = new Map<string, number>();
    for (const d of fake.delivered) {
      const kind = /first time/.test(d.email.subject) ? 'first_use' : /new IP/.test(d.email.subject) ? 'new_ip' : /refused/.test(d.email.subject) ? 'ip_refused' : /requests since/.test(d.email.subject) ? 'digest' : 'other';
      byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
    }
    const rows = outbox.reduce((sum, row) => sum + row.n, 0);
    const sent = outbox.filter((row) => row.status === 'sent').reduce((sum, row) => sum + row.n, 0);
    const keys = new Set(fake.delivered.map((d) => d.idempotencyKey));
    console.log(`usage rows for the key: ${usage[0].n}`);
    console.log(`outbox: ${outbox.map((r) => `${r.kind}/${r.status} ${r.n}`).join(', ')}`);
    console.log(`fake Resend: ${fake.requests.length} requests, ${fake.delivered.length} delivered (${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')}), ${keys.size} distinct idempotency keys`);
    const ok = sent === rows && fake.delivered.length === rows && keys.size === rows && fake.requests.length === rows;
    console.log(ok ? 'OK: every message delivered exactly once' : 'PROBLEM: a message was duplicated or not delivered');
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
