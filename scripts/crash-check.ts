/**
 * `npm run check:crash`: what SIGKILL under load loses of the usage rows of answered requests.
 *
 * Starts the production server on a fresh PostgreSQL database (as the bench does) with a usage
 * spool in a temporary directory, drives the guarded `/api/v1/me` from this process keeping the
 * request id of every answer, SIGKILLs the server mid-load (nothing is flushed), starts it again
 * on the same database and spool (it replays what the dead process left), and then looks up
 * every answered request id in `api_requests`. Finally it stops the second server with SIGTERM
 * and checks that the spool is empty.
 *
 * The spool writes the rows of an event-loop turn at its end (lib/api/usage-spool.ts) and the
 * guard answers only after that write, so no answered request may be missing. Exit code 1 if one
 * is, the second server did not stop cleanly, or the spool is not empty at the end.
 *
 * Options: --after <s of load before SIGKILL, 15> --connections <50> --port <3320> --wait <s, 30>
 * (how long to wait for the replay).
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import type postgres from 'postgres';
import { countUsageRows, createBenchKey, prepareDatabase } from './bench/db';
import { runIdLoad } from './bench/id-load';
import { ensureBuild, startServer, type RunningServer } from './bench/server';

const { values } = parseArgs({
  options: {
    after: { type: 'string', default: '15' },
    connections: { type: 'string', default: '50' },
    port: { type: 'string', default: '3320' },
    wait: { type: 'string', default: '30' },
  },
});

async function missingIds(sql: postgres.Sql, ids: string[]): Promise<number> {
  const [{ found }] = await sql<{ found: number }[]>`select count(*)::int as found from api_requests where request_id = any(${ids}::text[])`;
  return ids.length - found;
}

/** Polls until every answered id has its row, or nothing changed for 5 s, or `waitSec` passed. */
async function waitForRows(sql: postgres.Sql, ids: string[], waitSec: number): Promise<number> {
  const deadline = performance.now() + waitSec * 1000;
  let missing = await missingIds(sql, ids);
  let changedAt = performance.now();
  while (missing > 0 && performance.now() < deadline && performance.now() - changedAt < 5_000) {
    await sleep(200);
    const now = await missingIds(sql, ids);
    if (now !== missing) changedAt = performance.now();
    missing = now;
  }
  return missing;
}

const segmentFiles = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ndjson')).length;

async function main(): Promise<number> {
  console.log(ensureBuild(false));
  const database = await prepareDatabase('crash');
  const spoolDir = mkdtempSync(path.join(tmpdir(), 'ic-crash-spool-'));
  const options = { port: Number(values.port), databaseUrl: database.url, env: { USAGE_SPOOL_DIR: spoolDir } };
  const started: RunningServer[] = [];
  const start = async () => {
    const server = await startServer(options);
    started.push(server);
    return server;
  };
  try {
    const first = await start();
    const key = await createBenchKey(database.sql, 'crash');
    const stop = new AbortController();
    const load = runIdLoad({ url: `${first.baseUrl}/api/v1/me`, connections: Number(values.connections), headers: { 'x-api-key': key.key }, stop: stop.signal });
    await sleep(Number(values.after) * 1000);
    await first.kill();
    const result = await load;
    const rowsAtKill = (await countUsageRows(database.sql, [key.id])).get(key.id)!.rows;
    const filesAtKill = segmentFiles(spoolDir);

    const restartedAt = performance.now();
    const second = await start();
    const restartMs = Math.round(performance.now() - restartedAt);
    const missing = await waitForRows(database.sql, result.answered, Number(values.wait));
    const rows = (await countUsageRows(database.sql, [key.id])).get(key.id)!.rows;
    const exitCode = await second.stop();
    const filesLeft = segmentFiles(spoolDir);

    const answered = result.answered.length;
    const bound = 0; // the guard answers only after its row is in the spool
    const report = {
      answered,
      serverErrors: result.serverErrors,
      unanswered: result.failed,
      rowsWhenKilled: rowsAtKill,
      spoolFilesWhenKilled: filesAtKill,
      rowsAfterRestart: rows,
      lost: missing,
      lostPercent: Number(((missing / Math.max(1, answered)) * 100).toFixed(3)),
      bound,
      restartMs,
      exitCode,
      spoolFilesLeft: filesLeft,
    };
    console.log(JSON.stringify(report));
    const pass = missing <= bound && exitCode === 0 && filesLeft === 0;
    console.log(
      `${pass ? 'PASS' : 'FAIL'}: ${missing} of ${answered} answered requests have no row (${report.lostPercent} %; at most ${bound} may be); ` +
        `${rowsAtKill} were in the database at the SIGKILL, ${rows - rowsAtKill} came from the spool after the restart; exit ${exitCode}; ${filesLeft} spool files left`,
    );
    const problems = [...first.problems, ...second.problems];
    if (problems.length > 0) console.log(`server warnings/errors:\n${problems.slice(0, 10).join('\n')}`);
    return pass ? 0 : 1;
  } finally {
    await Promise.all(started.map((server) => server.kill()));
    await database.dispose();
    rmSync(spoolDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
