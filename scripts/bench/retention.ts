/**
 * What retention costs at scale, on a scratch Postgres database (it is migrated, seeded and then
 * pruned; never point it at data you keep):
 *
 *   createdb retention_scratch
 *   DATABASE_URL=postgres://…/retention_scratch node --conditions=react-server --import tsx scripts/bench/retention.ts
 *
 * Seeds 10 000 keys and 1 000 000 raw usage rows spread evenly over 120 days (SQL generate_series,
 * one hot key with 30 %), the rollups and seen addresses they imply (written in time order, as the
 * recorder writes them), and 300 000 e-mails over 60
 * days (an already seeded database is used as it is: seed one with --seed-only, then copy it with
 * createdb -T for each run);
 * reports the disk per million raw rows; then measures a 1 000-row usage insert (what the recorder
 * writes) every 100 ms, 30 s alone, then while a retention run deletes the 30 oldest days (90 days
 * kept, rollups 90 days too so they are pruned as well, mail 30 days), with lock waits over 100 ms
 * counted; and last a second run, which has next to nothing left to delete.
 */
import { parseArgs } from 'node:util';
import postgres from 'postgres';

process.env.LOG_LEVEL ??= 'info';
const { migrateDatabase } = await import('../../db/migrate');
const { closeDatabase } = await import('../../db/index');
const { runRetention } = await import('../../lib/retention/run-retention');

const { values } = parseArgs({ options: { 'seed-only': { type: 'boolean', default: false } } });
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL must name a scratch Postgres database');
const sql = postgres(url, { max: 1, onnotice: () => {} });
/** The inserts give up on any lock wait over 100 ms: each one that does is counted. */
const api = postgres(url, { max: 1, onnotice: () => {}, connection: { lock_timeout: 100 } });
let lockTimeouts = 0;

const SEED = `
insert into communities (id, slug, name) values ('00000000-0000-0000-0000-000000000001', 'bench', 'Bench');
insert into users (id, community_id, email, name, password_hash, role)
  values ('00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000001', 'bench@example.com', 'Bench', 'x', 'admin');
insert into api_keys (id, community_id, name, prefix, hash, hint, permissions, created_by_id)
  select md5('key' || g)::uuid, '00000000-0000-0000-0000-000000000001', 'key ' || g, 'ic', md5('hash' || g), 'ic…' || g, '{}'::jsonb, '00000000-0000-0000-0000-000000000002'
  from generate_series(1, 10000) g;
insert into api_requests (request_id, api_key_id, community_id, at, method, path, status, outcome, ip, user_agent, integration_name, latency_ms)
  select 'req-' || i,
    case when i % 10 < 3 then md5('key1')::uuid when i % 50 = 7 then null else md5('key' || (1 + (i::bigint * 7919) % 10000))::uuid end,
    case when i % 50 = 7 then null else '00000000-0000-0000-0000-000000000001'::uuid end,
    now() - interval '120 days' + (i * interval '120 days' / 1000000),
    'GET', '/api/v1/members', case when i % 9 = 0 then 403 else 200 end,
    case when i % 50 = 7 then 'invalid_key' when i % 9 = 0 then 'ip_not_allowed' else 'ok' end,
    '10.' || (i % 4) || '.' || (i / 100000) || '.' || (i % 3), 'bench-agent/1.0', 'Bench ' || (i % 5), i % 40
  from generate_series(1, 1000000) i;
insert into api_usage_hourly (api_key_id, community_id, hour, outcome, requests)
  select api_key_id, min(community_id::text)::uuid, date_trunc('hour', at, 'UTC'), outcome, count(*)
  from api_requests where api_key_id is not null group by api_key_id, date_trunc('hour', at, 'UTC'), outcome order by 3;
insert into api_usage_callers (api_key_id, community_id, integration_name, user_agent, ip, first_seen_at, last_seen_at, last_allowed_at, requests, denied)
  select api_key_id, min(community_id::text)::uuid, coalesce(integration_name, ''), coalesce(user_agent, ''), coalesce(ip, ''),
    min(at), max(at), max(at) filter (where outcome = 'ok'), count(*), count(*) filter (where outcome <> 'ok')
  from api_requests where api_key_id is not null group by 1, 3, 4, 5 order by 7;
insert into api_key_seen_ips (api_key_id, ip, first_seen_at)
  select api_key_id, ip, min(at) from api_requests where api_key_id is not null and outcome = 'ok' group by 1, 2 order by 3;
insert into mail_outbox (community_id, kind, dedupe_key, to_address, subject, text_body, html_body, status, created_at, sent_at)
  select '00000000-0000-0000-0000-000000000001', 'digest', 'bench:' || g, 'bench@example.com', 'Digest', repeat('text ', 200), repeat('<p>html</p>', 100),
    (case when g % 100 = 0 then 'failed' when g % 1000 = 1 then 'pending' else 'sent' end)::mail_status,
    now() - (g * interval '60 days' / 300000), case when g % 100 = 0 or g % 1000 = 1 then null else now() - (g * interval '60 days' / 300000) end
  from generate_series(1, 300000) g;
`;

/** One batch as the recorder writes it: 1 000 rows in one INSERT, idempotent on request_id. */
let batchNumber = 0;
async function insertBatch(): Promise<number> {
  const started = performance.now();
  const tag = `live-${process.pid}-${batchNumber++}`;
  await api`
    insert into api_requests (request_id, api_key_id, community_id, at, method, path, status, outcome, ip, user_agent, integration_name, latency_ms)
    select ${tag} || '-' || i, md5('key' || (1 + i % 10000))::uuid, '00000000-0000-0000-0000-000000000001', now(), 'GET', '/api/v1/me', 200, 'ok', '10.9.9.9', 'live', null, 1
    from generate_series(1, 1000) i
    on conflict (request_id) do nothing`.catch((error: { code?: string }) => {
    if (error.code !== '55P03') throw error;
    lockTimeouts += 1;
  });
  return performance.now() - started;
}

/** Inserts a batch every 100 ms (10 000 rows/s) until `until` settles; returns each insert's time. */
async function insertWhile(until: Promise<unknown>): Promise<number[]> {
  let over = false;
  void until.finally(() => (over = true));
  const times: number[] = [];
  while (!over) {
    times.push(await insertBatch());
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return times;
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))];
const summary = (values: number[]) => `n=${values.length} p50=${percentile(values, 50).toFixed(1)} ms p95=${percentile(values, 95).toFixed(1)} ms max=${Math.max(...values).toFixed(1)} ms`;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

await migrateDatabase();
const [{ rows }] = await sql<{ rows: number }[]>`select count(*)::int as rows from api_requests`;
if (rows === 0) {
  const started = performance.now();
  await sql.unsafe(SEED);
  await sql`vacuum analyze`;
  console.log(`seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
if (values['seed-only']) {
  await Promise.all([sql.end(), api.end()]);
  await closeDatabase();
  process.exit(0);
}
const [size] = await sql<{ total: number; heap: number; rows: number }[]>`
  select pg_total_relation_size('api_requests')::bigint as total, pg_relation_size('api_requests')::bigint as heap, count(*)::int as rows from api_requests`;
console.log(`api_requests: ${size.rows} rows, ${mib(Number(size.total))} with indexes (heap ${mib(Number(size.heap))}): ${mib((Number(size.total) / size.rows) * 1e6)} per million rows`);

const alone = await insertWhile(new Promise((resolve) => setTimeout(resolve, 30_000)));
console.log(`1 000-row insert, nothing else running: ${summary(alone)}; lock waits over 100 ms: ${lockTimeouts}`);
lockTimeouts = 0;

const settings = { USAGE_RETENTION_DAYS: 90, ROLLUP_RETENTION_DAYS: 90, MAIL_RETENTION_DAYS: 30, AUDIT_RETENTION_DAYS: undefined };
const run = runRetention({ settings, budgetMs: 600_000 });
const during = await insertWhile(run);
console.log(`1 000-row insert, while retention runs: ${summary(during)}; lock waits over 100 ms: ${lockTimeouts}`);
const report = (title: string, result: Awaited<typeof run>) => {
  console.log(title);
  if (result.status === 'ran') for (const table of result.tables) console.log(`  ${table.table}: ${table.deleted} rows in ${table.batches} statements, ${table.ms} ms`);
};
report('retention run (statements and the pauses between them):', await run);
// The next hour's run, with (almost) nothing left to delete: what retention costs once caught up.
report('the next run, right after:', await runRetention({ settings, budgetMs: 600_000 }));

await Promise.all([sql.end(), api.end()]);
await closeDatabase();
