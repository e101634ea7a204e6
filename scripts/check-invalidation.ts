/**
 * `npm run check:invalidation`: does a key change reach every instance within 1 second?
 *
 * Two instances on one Postgres, each with its own database client and key cache: this process
 * changes a key the way the admin actions do (disable, enable, rotate with no grace period, in
 * turn), and a second Node process (lib/api-keys/__fixtures__/watch-key.ts) looks the key up every
 * few milliseconds and reports when the API's answer for it changes. Prints p50/p95/max of the
 * delay from the commit to the other instance seeing it; exits 1 if any change took 1 s or more,
 * or never arrived. The test suite only checks that changes arrive; the speed is measured here.
 *
 * DATABASE_URL if set (kept), else a throwaway database on postgres://postgres@127.0.0.1:5432,
 * dropped at the end. Options: --changes <50> --poll-ms <5, how often the other instance looks>
 *
 *   node --conditions=react-server --import tsx scripts/check-invalidation.ts
 */
import { parseArgs } from 'node:util';
import { prepareDatabase } from './bench/db';

const LIMIT_MS = 1_000;

const { values: args } = parseArgs({
  options: {
    changes: { type: 'string', default: '50' },
    'poll-ms': { type: 'string', default: '5' },
  },
});
const changes = Number(args.changes);
const pollMs = Number(args['poll-ms']);

type Change = 'disabled' | 'enabled' | 'rotated';
const CYCLE: Change[] = ['disabled', 'enabled', 'rotated'];

const wallClock = () => performance.timeOrigin + performance.now();

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main(): Promise<number> {
  const database = await prepareDatabase('invalidation');
  // Set before the app's modules read their configuration (they read it on first use).
  process.env.DATABASE_URL = database.url;
  process.env.LOG_LEVEL ??= 'warn';
  const { closeDatabase } = await import('../db/index');
  const { createTestCommunity } = await import('../test/db');
  const { createTestKey, versionOf } = await import('../lib/api-keys/__fixtures__/test-keys');
  const { startWatcher } = await import('../lib/api-keys/__fixtures__/start-watcher');
  const { changeKeyStatus, rotateKey } = await import('../lib/api-keys/manage-api-key');
  const { hashApiKey } = await import('../lib/api-keys');

  const delays: { change: Change; ms: number }[] = [];
  const failures: string[] = [];
  let watcher: ReturnType<typeof startWatcher> | undefined;
  try {
    const community = await createTestCommunity(); // migrates a fresh database first
    const context = { user: community.admin, ip: '127.0.0.1' };
    const key = await createTestKey({ communityId: community.communityId, createdById: community.admin.id, name: 'invalidation check' });
    watcher = startWatcher(key.hash, { follow: true, pollMs, env: { ...process.env, DATABASE_URL: database.url } });
    const ready = await watcher.next(30_000);
    if (ready.state !== 'enabled') throw new Error(`the other instance sees the new key as ${ready.state}`);

    for (let i = 0; i < changes; i++) {
      const change = CYCLE[i % CYCLE.length];
      let expected: string;
      let committedAt: number;
      let nextHash: string | null = null;
      if (change === 'rotated') {
        const rotated = await rotateKey({ id: key.id, version: await versionOf(key.id), grace: 'none' }, context);
        committedAt = wallClock();
        if (!rotated.ok || !rotated.data) throw new Error(`rotate failed: ${rotated.message}`);
        expected = 'expired'; // the old secret, which the other instance is watching
        nextHash = hashApiKey(rotated.data.key);
      } else {
        const changed = await changeKeyStatus(key.id, change, context);
        committedAt = wallClock();
        if (!changed.ok) throw new Error(`${change} failed: ${changed.message}`);
        expected = change;
      }
      try {
        const seen = await watcher.next(10_000);
        if (seen.event !== 'changed' || seen.state !== expected) throw new Error(`expected ${expected}, got ${JSON.stringify(seen)}`);
        delays.push({ change, ms: (seen.at as number) - committedAt });
      } catch (error) {
        failures.push(`change ${i + 1} (${change}): ${error instanceof Error ? error.message : String(error)}`);
        break; // the watcher's view is unknown now; later numbers would mean nothing
      }
      if (nextHash) {
        watcher.watch(nextHash);
        const moved = await watcher.next(10_000);
        if (moved.state !== 'enabled') throw new Error(`the rotated key's new secret is ${moved.state} on the other instance`);
      }
    }
  } finally {
    await watcher?.stop();
    await closeDatabase();
    await database.dispose();
  }

  const sorted = delays.map((d) => d.ms).sort((a, b) => a - b);
  const format = (ms: number) => `${ms.toFixed(1)} ms`;
  console.log(`key changes seen by a second instance (its own process and database client, looking every ${pollMs} ms)`);
  console.log(`database: ${database.created ? 'throwaway, dropped' : 'DATABASE_URL'}`);
  for (const change of CYCLE) {
    const mine = delays.filter((d) => d.change === change).map((d) => d.ms);
    if (mine.length > 0) console.log(`  ${change.padEnd(8)} ${String(mine.length).padStart(3)} × max ${format(Math.max(...mine))}`);
  }
  if (sorted.length > 0) {
    console.log(`changes: ${sorted.length}/${changes}  p50 ${format(percentile(sorted, 50))}  p95 ${format(percentile(sorted, 95))}  max ${format(sorted[sorted.length - 1])}  (min ${format(sorted[0])})`);
  }
  for (const failure of failures) console.log(`FAILED: ${failure}`);
  const max = sorted.length > 0 ? sorted[sorted.length - 1] : Infinity;
  const ok = failures.length === 0 && sorted.length === changes && max < LIMIT_MS;
  console.log(ok ? `OK: every change was seen within ${LIMIT_MS} ms` : `NOT OK: a change took ${LIMIT_MS} ms or more, or was not seen`);
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
