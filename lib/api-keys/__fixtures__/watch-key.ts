/**
 * A second "server instance" for the cross-process invalidation test: its own process, its own
 * connection pool and key cache on the same Postgres. It warms the key given as argv[2], says
 * "ready", then polls the cache every 20 ms and reports when the key's status changes.
 *
 *   node --conditions=react-server --import tsx lib/api-keys/__fixtures__/watch-key.ts <hash>
 *
 * (`react-server` lets `import 'server-only'` load outside Next, as in a route handler.)
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { closeDatabase } from '@/db/index';
import { startApiKeyInvalidation, stopApiKeyInvalidation } from '../key-invalidation';
import { apiKeyCacheStats, findApiKeyByHash } from '../key-lookup';

const POLL_MS = 20;
const GIVE_UP_MS = 10_000;

function report(event: Record<string, unknown>) {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

async function main(hash: string) {
  await startApiKeyInvalidation();
  const initial = (await findApiKeyByHash(hash))?.status ?? null;
  report({ event: 'ready', status: initial, stats: apiKeyCacheStats() });

  const deadline = Date.now() + GIVE_UP_MS;
  while (Date.now() < deadline) {
    const status = (await findApiKeyByHash(hash))?.status ?? null;
    if (status !== initial) {
      report({ event: 'changed', status, at: Date.now(), stats: apiKeyCacheStats() });
      return;
    }
    await sleep(POLL_MS);
  }
  report({ event: 'timeout', stats: apiKeyCacheStats() });
}

const hash = process.argv[2];
if (!hash) {
  console.error('usage: watch-key.ts <key hash>');
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
