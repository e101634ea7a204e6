import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

export type WatchEvent = { event: 'ready' | 'changed' | 'timeout' | 'error'; status?: string | null; state?: string | null; at?: number; stats?: Record<string, number>; message?: string };

/**
 * Runs the watch-key fixture as a second server instance in its own Node process (same database:
 * `env.DATABASE_URL`) and reads its JSON events line by line. Used by the cross-process test and
 * by `npm run check:invalidation`.
 */
export function startWatcher(hash: string, { follow = false, pollMs, env = process.env }: { follow?: boolean; pollMs?: number; env?: NodeJS.ProcessEnv } = {}) {
  const fixture = path.join(import.meta.dirname, 'watch-key.ts');
  const args = [fixture, hash, ...(follow ? ['--follow'] : []), ...(pollMs ? ['--poll-ms', String(pollMs)] : [])];
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', ...args], {
    cwd: process.cwd(),
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();

  async function nextEvent(): Promise<WatchEvent> {
    for (;;) {
      const { value, done } = await lines.next();
      if (done) throw new Error(`watcher exited early (code ${child.exitCode}): ${stderr}`);
      if (value.startsWith('{"event"')) return JSON.parse(value) as WatchEvent;
    }
  }

  return {
    /** The next event; rejects if none comes within `timeoutMs` (a bound, not a measurement). */
    async next(timeoutMs = 10_000): Promise<WatchEvent> {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no event from the watcher within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        return await Promise.race([nextEvent(), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    /** --follow only: watch another key from now on (answers with a `ready` event). */
    watch(nextHash: string) {
      child.stdin.write(`watch ${nextHash}\n`);
    },
    /** Lets a --follow watcher finish (stdin closed) or stops a one-shot one; waits for the exit. */
    async stop() {
      if (child.exitCode === null) {
        if (follow) child.stdin.end();
        else child.kill();
      }
      await exited;
    },
  };
}
