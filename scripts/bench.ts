/**
 * `npm run bench`: what the API guard costs, on the production build and a real Postgres.
 *
 * Starts the server (`NODE_ENV=production`, as `npm start` does), drives it from a separate
 * autocannon process, and compares `/api/health` (no key, no database: the baseline) with
 * `/api/v1/me` (key check, handler, usage row), alternating the two so drift on a shared machine
 * hits both alike. Then stops the server with SIGTERM — the graceful path that flushes the usage
 * buffer — and checks that every guarded response left its row in `api_requests`. After each
 * guarded run it waits for the usage recorder to catch up, so the next run starts clean.
 *
 * Options (all optional): --duration <s per round, 15> --warmup <s, 10> --rounds <min pairs, 3>
 * --max-rounds <10> --connections <50> --min-requests <guarded, 50000> --serial <s with one connection, 10; 0 = skip>
 * --port <3300> --build (rebuild even if .next/BUILD_ID exists) --profile <dir> (server CPU profile; prints where
 * the guarded path's CPU goes, per request, against the baseline: scripts/bench/profile.ts)
 * --limit <n> (guarded keys get a rate limit of n per second they never reach; with REDIS_URL set the
 * server counts in Redis, else in process).
 * DATABASE_URL: use that database (kept); without it a fresh ic_bench_<timestamp> is created and dropped.
 *
 * Targets are reported, not asserted: the exit code is non-zero only if something crashed.
 */
import { createServer } from 'node:net';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { machineBusyOver, withCpu } from './bench/cpu';
import { countUsageRows, createBenchKey, prepareDatabase, waitForUsageRows } from './bench/db';
import { runLoad } from './bench/load';
import { nowUs, profileReport, saveWindows, type ProfileWindow } from './bench/profile';
import { runTable, summary, usageTable, type Run, type Target, type Targets } from './bench/report';
import { ensureBuild, startServer, type RunningServer } from './bench/server';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    'max-rounds': { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    'min-requests': { type: 'string', default: '50000' },
    serial: { type: 'string', default: '10' },
    port: { type: 'string', default: '3300' },
    build: { type: 'boolean', default: false },
    profile: { type: 'string' },
    limit: { type: 'string' },
  },
});
const num = (name: keyof typeof args) => {
  const value = Number(args[name]);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a non-negative number`);
  return value;
};
const options = {
  durationSec: num('duration'),
  warmupSec: num('warmup'),
  minRounds: Math.max(1, num('rounds')),
  maxRounds: num('max-rounds'),
  connections: num('connections'),
  serialSec: num('serial'),
  port: num('port'),
};
const targets: Targets = { minRatio: 0.9, maxAddedP99Ms: 2, minGuardedRequests: num('min-requests') };
const PATHS: Record<Target, string> = { baseline: '/api/health', guarded: '/api/v1/me' };

/** Refuse a busy port: otherwise the health check could pass against somebody else's server. */
function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
      .once('error', () => reject(new Error(`port ${port} is in use; pick another with --port`)))
      .listen(port, () => probe.close(() => resolve()));
  });
}

async function main() {
  const cores = availableParallelism();
  console.log(`bench: Node ${process.version}, ${cores} cores, ${options.connections} connections, ${new Date().toISOString()}`);
  console.log(ensureBuild(args.build));
  await assertPortFree(options.port);
  const idleBusy = await machineBusyOver(3000);
  console.log(`machine before the bench: ${(idleBusy * 100).toFixed(0)} % of all cores busy with other work${idleBusy > 0.1 ? ' (figures will be skewed)' : ''}`);

  const db = await prepareDatabase();
  console.log(db.created ? `database: created ${new URL(db.url).pathname.slice(1)} (dropped at the end)` : 'database: DATABASE_URL (kept)');
  let server: RunningServer | null = null;
  try {
    server = await startServer({ port: options.port, databaseUrl: db.url, profileDir: args.profile });
    const running = server;
    console.log(`server: pid ${server.pid} on ${server.baseUrl} (NODE_ENV=production, LOG_LEVEL=warn)`);
    if (args.limit) console.log(`guarded keys: limit ${args.limit} per second, counted ${process.env.REDIS_URL ? `in Redis (${process.env.REDIS_URL})` : "in process"}`);

    const runs: Run[] = [];
    const windows: ProfileWindow[] = [];
    /** One autocannon run; a guarded run gets a key of its own so its usage rows can be counted exactly. */
    const measure = async (phase: string, target: Target, durationSec: number, connections = options.connections, drain = true) => {
      const key = target === 'guarded' ? await createBenchKey(db.sql, phase, args.limit ? { limit: Number(args.limit), window: 'second' } : null) : null;
      const startUs = nowUs();
      const { result: load, cpu } = await withCpu(running.pid, () =>
        runLoad({
          url: running.baseUrl + PATHS[target],
          connections,
          durationSec,
          headers: key ? { 'x-api-key': key.key } : undefined,
        }),
      );
      const run: Run = { phase, target, path: PATHS[target], load, cpu, cpuMsPerRequest: (cpu.serverSec * 1000) / load.responses, keyId: key?.id };
      if (key) {
        // How far the usage recorder lags behind: rows already committed when the load stopped.
        run.rowsWhenStopped = (await countUsageRows(db.sql, [key.id])).get(key.id)!.rows;
      }
      if (key && drain) {
        // Let it catch up before the next run, so its deferred writes are charged to this run's
        // CPU per request and not to the next (baseline) run's throughput.
        const started = performance.now();
        const caughtUp = await withCpu(running.pid, () => waitForUsageRows(db.sql, key.id, load.sent));
        run.drainMs = performance.now() - started;
        run.cpuMsPerRequest = ((cpu.serverSec + caughtUp.cpu.serverSec) * 1000) / load.responses;
      }
      runs.push(run);
      if (phase.startsWith('round')) windows.push({ target, startUs, endUs: nowUs(), responses: load.responses });
      console.log(
        `  ${phase.padEnd(12)} ${run.path.padEnd(12)} ${load.reqPerSec.toFixed(0).padStart(6)} req/s  p50 ${load.p50} ms  p99 ${load.p99} ms` +
          `  ${load.responses} responses${load.non2xx ? `, ${load.non2xx} non-2xx` : ''}${load.errors ? `, ${load.errors} errors` : ''}`,
      );
      return run;
    };

    // Warm-up: JIT, the route modules, the key cache and the database pool, for both paths.
    await measure('warm-up', 'baseline', options.warmupSec);
    await measure('warm-up', 'guarded', options.warmupSec);

    // Alternate baseline and guarded rounds until enough guarded requests were measured.
    const measuredPhases = new Set<string>();
    let guardedResponses = 0;
    for (let round = 1; round <= options.minRounds || (guardedResponses < targets.minGuardedRequests && round <= options.maxRounds); round++) {
      const phase = `round ${round}`;
      measuredPhases.add(phase);
      await measure(phase, 'baseline', options.durationSec);
      guardedResponses += (await measure(phase, 'guarded', options.durationSec)).load.responses;
    }

    // With one connection nothing queues, so latency is the guard's own cost per request; at full
    // load (above) latency is mostly waiting for the saturated event loop (Little's law).
    if (options.serialSec > 0) {
      await measure('1 connection', 'baseline', options.serialSec, 1);
      // No drain: the rows still buffered are left to the shutdown flush, so that path is tested too.
      await measure('1 connection', 'guarded', options.serialSec, 1, false);
    }

    const guardedRuns = runs.filter((r) => r.target === 'guarded');
    const keyIds = guardedRuns.map((r) => r.keyId!);
    const beforeStop = await countUsageRows(db.sql, keyIds);
    console.log('stopping the server (SIGTERM: finishes in-flight requests, flushes the usage buffer) …');
    const stoppedAt = performance.now();
    const exitCode = await server.stop();
    const stopMs = performance.now() - stoppedAt;
    const afterStop = await countUsageRows(db.sql, keyIds);
    const flushed = keyIds.reduce((n, id) => n + afterStop.get(id)!.rows - beforeStop.get(id)!.rows, 0);

    const measured = runs.filter((r) => measuredPhases.has(r.phase));
    const result = summary(measured, runs.filter((r) => r.phase === '1 connection'), targets);
    const usage = usageTable(guardedRuns, afterStop, measuredPhases, targets);
    console.log(`\nserver exited with ${exitCode} after ${stopMs.toFixed(0)} ms; the shutdown flush wrote ${flushed} rows\n`);
    console.log(runTable(runs, cores));
    console.log(
      `\nlatency in ms (autocannon: 1 ms resolution, 2xx only); server CPU = share of one core; CPU = share of all ${cores} cores;\n` +
        'CPU ms/req = server CPU per response, guarded runs including the drain (usage rows still being written after the load stopped)\n',
    );
    console.log(result.text);
    console.log('\nusage rows (api_requests), counted per run key after the server exited:\n');
    console.log(usage.text);
    if (server.problems.length > 0) {
      console.log(`\nthe server logged ${server.problems.length} warning/error line(s); first ones:`);
      for (const line of server.problems.slice(0, 5)) console.log(`  ${line.slice(0, 300)}`);
    } else {
      console.log('\nthe server logged no warnings or errors (usage buffer never full, no failed writes)');
    }
    if (args.profile) {
      saveWindows(args.profile, windows);
      console.log(`\n${profileReport(args.profile)}`);
    }
    if (exitCode !== 0) throw new Error(`the server exited with ${exitCode} on SIGTERM`);
  } finally {
    server?.kill();
    await db.dispose();
  }
}

// Ctrl-C reaches the whole process group: autocannon and the server stop on their own, and the
// failed run falls through to `finally`, which still drops the bench database.
process.on('SIGINT', () => console.error('interrupted; cleaning up …'));

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
