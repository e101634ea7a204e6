/**
 * A second "server instance": its own process, its own connection pool and key cache on the same
 * Postgres. It warms the key given as argv[2], says "ready", then looks it up every `--poll-ms`
 * (20) and reports when what the API would answer for it (its state) changes.
 *
 *   node --conditions=react-server --import tsx lib/api-keys/__fixtures__/watch-key.ts <hash> [--follow] [--poll-ms 5]
 *
 * Without --follow it reports the first change and exits (the cross-process test). With --follow
 * (scripts/check-invalidation.ts) it reports every change, a line `watch <hash>` on stdin moves it
 * to another key (the new secret after a rotation), and it exits when stdin closes.
 * (`react-server` lets `import 'server-only'` load outside Next, as in a route handler.)
 */
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { closeDatabase } from '@/db/index';
import { startApiKeyInvalidation, stopApiKeyInvalidation } from '../key-invalidation';
import { apiKeyCacheStats, findApiKeyByHash } from '../key-lookup';
import { keyState } from '../key-state';

const GIVE_UP_MS = 10_000;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { follow: { type: 'boolean', default: false }, 'poll-ms': { type: 'string', default: '20' } },
});
const pollMs = Number(values['poll-ms']);

function report(event: Record<string, unknown>) {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

/** Wall-clock milliseconds with a fraction, comparable with another process's on this machine. */
const wallClock = () => performance.timeOrigin + performance.now();

async function look(hash: string) {
  const key = await findApiKeyByHash(hash);
  return { status: key?.status ?? null, state: key ? keyState(key) : null };
}

async function main(first: string) {
  await startApiKeyInvalidation();
  let hash = first;
  let seen = await look(hash);
  report({ event: 'ready', ...seen, stats: apiKeyCacheStats() });

  let next: string | null = null;
  let open = true;
  if (values.follow) {
    const input = createInterface({ input: process.stdin });
    input.on('line', (line) => {
      const [command, argument] = line.trim().split(/\s+/);
      if (command === 'watch' && argument) next = argument;
    });
    input.on('close', () => (open = false));
  }

  const deadline = values.follow ? Infinity : Date.now() + GIVE_UP_MS;
  while (open && Date.now() < deadline) {
    if (next) {
      hash = next;
      next = null;
      seen = await look(hash);
      report({ event: 'ready', ...seen, stats: apiKeyCacheStats() });
      continue;
    }
    const now = await look(hash);
    if (now.state !== seen.state) {
      report({ event: 'changed', ...now, at: wallClock(), stats: apiKeyCacheStats() });
      if (!values.follow) return;
      seen = now;
    }
    await sleep(pollMs);
  }
  if (!values.follow) report({ event: 'timeout', stats: apiKeyCacheStats() });
}

const hash = positionals[0];
if (!hash || !Number.isFinite(pollMs) || pollMs < 1) {
  console.error('usage: watch-key.ts <key hash> [--follow] [--poll-ms <n>]');
  process.exit(2);
}
main(hash)
  .catch((error: unknown) => {
    report({ event: 'error', message: String(error) });
    process.exitCode = 1;
  })
  .finally(async () => {
    await stopApiKeyInvalidation();
    await closeDatabase();
  });
