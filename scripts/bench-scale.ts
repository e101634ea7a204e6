/**
 * `npm run bench:scale`: the admin pages and the API at 10 000 keys and 1 000 000 usage rows.
 *
 * On a fresh Postgres database (created and dropped; DATABASE_URL to keep one) it starts the
 * production server, which migrates and seeds, fills the community at scale with set-based SQL
 * (scripts/scale/seed.ts), signs in as the admin through the real sign-in, then measures:
 *  1. p50/p95 time to first byte (and to the last byte) of each admin page, loaded one after another;
 *  2. `/api/v1/me` throughput with nobody browsing and while an admin reloads those pages without
 *     pause, alternated so drift on a shared machine hits both alike; the ratio is the target;
 *  3. sequential scans of api_requests while the pages were loaded (pg_stat_user_tables), and, with
 *     --plans (needs the server log readable), every query's plan from auto_explain, saved to a file.
 * Then SIGTERM and a count: every answered guarded request must have its usage row.
 *
 * Options: --keys 10000 --rows 1000000 --hot 300000 --loads <per page, 20> --duration <s per round, 15>
 * --rounds <pairs, 2> --connections <50> --port <3320> --build --plans <file> --pg-log <server log>
 * Targets are reported, not asserted: the exit code is non-zero only if something broke.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createBenchKey, countUsageRows, prepareDatabase, waitForUsageRows } from './bench/db';
import { runLoad, type LoadResult } from './bench/load';
import { ensureBuild, startServer, type RunningServer } from './bench/server';
import { browseUntil, linkHref, loadPage, percentile, signIn, timePages } from './scale/pages';
import { enableAutoExplain, logSize, plansSince, seqScanCounts, serverLogFile } from './scale/plans';
import { DEFAULT_SCALE, seedScale, usageDisk } from './scale/seed';

const { values: args } = parseArgs({
  options: {
    keys: { type: 'string', default: String(DEFAULT_SCALE.keys) },
    rows: { type: 'string', default: String(DEFAULT_SCALE.rows) },
    hot: { type: 'string', default: String(DEFAULT_SCALE.hotRows) },
    loads: { type: 'string', default: '20' },
    duration: { type: 'string', default: '15' },
    rounds: { type: 'string', default: '2' },
    connections: { type: 'string', default: '50' },
    port: { type: 'string', default: '3320' },
    build: { type: 'boolean', default: false },
    plans: { type: 'string' },
    'pg-log': { type: 'string' },
  },
});
const num = (name: keyof typeof args) => {
  const value = Number(args[name]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number`);
  return value;
};

const ADMIN_EMAIL = 'admin@example.com';
const ADMIN_PASSWORD = randomBytes(18).toString('base64url');
const KEYS = '/admin/integration-center/api-keys';
const MAX_HOPS = 1000;

/** Follows a page's link labelled `label` until there is none: the last page of a keyset-paged view. */
async function lastPageOf(baseUrl: string, cookie: string, first: string, label: RegExp): Promise<{ path: string; hops: number } | null> {
  let path = first;
  for (let hops = 0; hops < MAX_HOPS; hops++) {
    const next = linkHref((await loadPage(baseUrl, path, cookie)).body, label);
    if (!next) return hops === 0 ? null : { path, hops };
    path = next;
  }
  return { path, hops: MAX_HOPS };
}

const fmt = (ms: number) => ms.toFixed(0).padStart(5);

async function main() {
  console.log(`bench:scale: Node ${process.version}, ${new Date().toISOString()}`);
  console.log(ensureBuild(args.build));
  const db = await prepareDatabase('scale');
  const dbName = new URL(db.url).pathname.slice(1);
  const serverEnv = { SEED_ADMIN_EMAIL: ADMIN_EMAIL, SEED_ADMIN_PASSWORD: ADMIN_PASSWORD };
  let server: RunningServer | null = null;
  try {
    server = await startServer({ port: num('port'), databaseUrl: db.url, env: serverEnv });
    const size = { ...DEFAULT_SCALE, keys: num('keys'), rows: num('rows'), hotRows: num('hot') };
    const seeded = await seedScale(db.sql, size);
    const disk = await usageDisk(db.sql);
    console.log(`seeded ${size.keys} keys, ${disk.rows} usage rows (${size.hotRows} on "${seeded.hotKeyName}"), ${size.auditRows} audit entries, ${size.mails} mails in ${seeded.seconds.toFixed(1)} s`);
    console.log(`disk: api_requests with its indexes ${(disk.bytes / 2 ** 20).toFixed(0)} MiB = ${(disk.perMillion / 2 ** 20).toFixed(0)} MiB per million rows`);

    const base = server.baseUrl;
    const cookie = await signIn(base, ADMIN_EMAIL, ADMIN_PASSWORD);
    const hot = `${KEYS}/${seeded.hotKeyId}`;
    const listLast = await lastPageOf(base, cookie, KEYS, /^(next|older)\b/i);
    const logLast = await lastPageOf(base, cookie, `${hot}?range=7d`, /^(oldest|last)\b/i);
    const pages = [
      { name: 'API Keys, first page', path: KEYS },
      ...(listLast ? [{ name: `API Keys, last page (${listLast.hops + 1})`, path: listLast.path }] : []),
      { name: 'API Keys, search', path: `${KEYS}?q=${encodeURIComponent('Integration 0999')}` },
      { name: 'busiest key, 24 hours', path: `${hot}?range=24h` },
      { name: 'busiest key, 7 days', path: `${hot}?range=7d` },
      { name: 'busiest key, 30 days', path: `${hot}?range=30d` },
      ...(logLast ? [{ name: 'busiest key, oldest log page', path: logLast.path }] : []),
      { name: 'busiest key, "IP not allowed"', path: `${hot}?range=7d&outcome=ip_not_allowed` },
      { name: 'Audit log', path: '/admin/integration-center/audit-log' },
      { name: 'Mailbox', path: '/admin/integration-center/mailbox' },
    ];
    if (!listLast) console.log('note: the API Keys list has no Next/Older link: its last page is not measured');
    if (!logLast) console.log("note: the request log has no Oldest/Last link: its last page is not measured");

    const scansBefore = await seqScanCounts(db.sql);
    const timings = await timePages(base, cookie, pages, num('loads'));
    await new Promise((resolve) => setTimeout(resolve, 1500)); // backends report their statistics within a second
    const scansAfter = await seqScanCounts(db.sql);
    console.log(`\nadmin pages, ${num('loads')} sequential loads each after a warm-up (ms):`);
    console.log(`  ${'page'.padEnd(36)} TTFB p50   p95   max   full p50   p95   HTML KiB`);
    for (const t of timings) {
      console.log(
        `  ${t.name.padEnd(36)} ${fmt(percentile(t.ttfb, 50))} ${fmt(percentile(t.ttfb, 95))} ${fmt(Math.max(...t.ttfb))}` +
          `   ${fmt(percentile(t.total, 50))} ${fmt(percentile(t.total, 95))}  ${(t.bytes / 1024).toFixed(0).padStart(6)}`,
      );
    }
    const worst = Math.max(...timings.map((t) => percentile(t.ttfb, 95)));
    console.log(`  worst p95 TTFB ${worst.toFixed(0)} ms (target < 300 ms): ${worst < 300 ? 'met' : 'MISSED'}`);
    const scanned = [...scansAfter].filter(([table, n]) => n > (scansBefore.get(table) ?? 0)).map(([table, n]) => `${table} ${n - (scansBefore.get(table) ?? 0)}`);
    console.log(`  sequential scans while loading them: ${scanned.length ? scanned.join(', ') : 'none'} (api_requests: ${(scansAfter.get('api_requests') ?? 0) - (scansBefore.get('api_requests') ?? 0)})`);

    // The API with and without an admin browsing, alternated.
    const running = server;
    const key = await createBenchKey(db.sql, 'scale');
    const me = () => runLoad({ url: `${base}/api/v1/me`, connections: num('connections'), durationSec: num('duration'), headers: { 'x-api-key': key.key } });
    await runLoad({ url: `${base}/api/v1/me`, connections: num('connections'), durationSec: 5, headers: { 'x-api-key': key.key } });
    const alone: LoadResult[] = [];
    const browsed: LoadResult[] = [];
    let adminLoads = 0;
    for (let round = 1; round <= num('rounds'); round++) {
      alone.push(await me());
      const stop = new AbortController();
      const browsing = browseUntil(base, cookie, pages.map((p) => p.path), stop.signal);
      browsed.push(await me());
      stop.abort();
      adminLoads += await browsing;
      console.log(`  round ${round}: alone ${alone.at(-1)!.reqPerSec.toFixed(0)} req/s (p99 ${alone.at(-1)!.p99} ms), admin browsing ${browsed.at(-1)!.reqPerSec.toFixed(0)} req/s (p99 ${browsed.at(-1)!.p99} ms)`);
    }
    const mean = (runs: LoadResult[]) => runs.reduce((sum, r) => sum + r.reqPerSec, 0) / runs.length;
    const ratio = mean(browsed) / mean(alone);
    console.log(`\n/api/v1/me while an admin browses: ${ratio.toFixed(3)} × alone (target ≥ 0.80: ${ratio >= 0.8 ? 'met' : 'MISSED'}); ${adminLoads} admin page loads meanwhile`);

    const answered = [...alone, ...browsed].reduce((sum, r) => sum + r.responses, 0);
    await waitForUsageRows(db.sql, key.id, answered);
    const exit = await running.stop();
    server = null;
    const rows = (await countUsageRows(db.sql, [key.id])).get(key.id)!;
    console.log(`usage rows of the measured key after SIGTERM: ${rows.rows} for ≥ ${answered} answered requests (lost: ${Math.max(0, answered - rows.rows)}); exit ${exit}`);

    if (args.plans) await capturePlans(db, dbName, pages, serverEnv);
  } finally {
    await server?.kill();
    await db.dispose();
  }
}

/** A second server with auto_explain on for this database: one load of each page, every plan saved. */
async function capturePlans(db: Awaited<ReturnType<typeof prepareDatabase>>, dbName: string, pages: { name: string; path: string }[], env: Record<string, string>) {
  const file = serverLogFile(args['pg-log']);
  if (!file) return console.log('--plans: no readable Postgres server log (pass --pg-log)');
  await enableAutoExplain(db.sql, dbName, true);
  const server = await startServer({ port: num('port'), databaseUrl: db.url, env });
  try {
    const cookie = await signIn(server.baseUrl, ADMIN_EMAIL, env.SEED_ADMIN_PASSWORD);
    const out: string[] = [];
    for (const page of pages) {
      const from = logSize(file);
      await loadPage(server.baseUrl, page.path, cookie);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const plans = plansSince(file, from, dbName).filter((p) => !/^Result|session_version|pg_try_advisory/.test(p.plan));
      out.push(`## ${page.name} — ${page.path}\n${plans.length} statements, slowest ${Math.max(0, ...plans.map((p) => p.ms)).toFixed(1)} ms, sequential scans: ${[...new Set(plans.flatMap((p) => p.seqScans))].join(', ') || 'none'}\n`);
      for (const plan of plans) out.push(`-- ${plan.ms.toFixed(2)} ms\n${plan.plan}\n`);
    }
    writeFileSync(args.plans!, out.join('\n'));
    console.log(`plans of every query behind each page: ${args.plans}`);
  } finally {
    await server.stop();
    await enableAutoExplain(db.sql, dbName, false);
  }
}

process.on('SIGINT', () => console.error('interrupted; cleaning up …'));
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench:scale failed: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  },
);
