/**
 * `npm run check:shutdown`: SIGTERM under load loses no usage row.
 *
 * Starts the production server on a fresh PostgreSQL database (as the bench does), drives the
 * guarded `/api/v1/me` from a second process, sends SIGTERM mid-load, and compares the responses
 * the load generator received with the usage rows in the database after the server exited: the
 * graceful path (lib/background-work.ts's drain, called by server.ts) must have written them all.
 *
 * Options: --duration <s of load, 8> --after <s before SIGTERM, 3> --connections <50> --port <3310>.
 * Exit code 1 if any row is missing or the server did not exit cleanly.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { countUsageRows, createBenchKey, prepareDatabase } from './bench/db';
import { runLoad } from './bench/load';
import { ensureBuild, startServer } from './bench/server';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '8' },
    after: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    port: { type: 'string', default: '3310' },
  },
});

async function main(): Promise<number> {
  console.log(ensureBuild(false));
  const database = await prepareDatabase();
  try {
    const server = await startServer({ port: Number(values.port), databaseUrl: database.url });
    const key = await createBenchKey(database.sql, 'shutdown');
    const load = runLoad({
      url: `${server.baseUrl}/api/v1/me`,
      connections: Number(values.connections),
      durationSec: Number(values.duration),
      headers: { 'x-api-key': key.key },
    });
    await sleep(Number(values.after) * 1000);
    const stoppedAt = performance.now();
    const exitCode = await server.stop();
    const exitMs = Math.round(performance.now() - stoppedAt);
    const result = await load;
    const { rows, ok } = (await countUsageRows(database.sql, [key.id])).get(key.id)!;
    const lost = Math.max(0, result.responses - rows);
    console.log(
      JSON.stringify({ responses: result.responses, ok: result.ok, non2xx: result.non2xx, connectionErrors: result.errors, rows, rowsOk: ok, lost, exitCode, exitMs }),
    );
    console.log(lost === 0 && exitCode === 0 ? `PASS: ${rows} rows for ${result.responses} responses; exited ${exitMs} ms after SIGTERM` : 'FAIL');
    if (server.problems.length > 0) console.log(`server warnings/errors:\n${server.problems.slice(0, 10).join('\n')}`);
    return lost === 0 && exitCode === 0 ? 0 : 1;
  } finally {
    await database.dispose();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
