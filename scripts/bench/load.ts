import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

// autocannon's own CLI, run by this Node binary: a second process, so the load generator never
// shares the server's event loop (nor the bench script's), and no npx start-up in the way.
// Closed loop only: autocannon's -R fires each connection's quota in a burst at the start of
// every second, which queues requests as badly as full load does.
const AUTOCANNON_CLI = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

export type LoadOptions = {
  url: string;
  connections: number;
  durationSec: number;
  headers?: Record<string, string>;
};

export type LoadResult = {
  /** Mean of autocannon's per-second samples (its "Req/Sec Avg"). */
  reqPerSec: number;
  /** Milliseconds; autocannon's histogram has 1 ms resolution and holds 2xx responses only. */
  p50: number;
  p99: number;
  /** Responses received (any status): autocannon's `requests.total`. */
  responses: number;
  /** Requests written to a socket: `requests.sent`. Can exceed `responses` by up to one per
   * connection — those still in flight when the run stopped (the server answers them anyway). */
  sent: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  durationSec: number;
};

type AutocannonJson = {
  requests: { average: number; total: number; sent: number };
  latency: { p50: number; p99: number };
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
};

export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const args = [AUTOCANNON_CLI, '--json', '--no-progress', '-c', String(options.connections), '-d', String(options.durationSec)];
  for (const [name, value] of Object.entries(options.headers ?? {})) args.push('-H', `${name}=${value}`);
  args.push(options.url);

  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}: ${stderr.trim()}`));
      try {
        const json = JSON.parse(stdout) as AutocannonJson;
        resolve({
          reqPerSec: json.requests.average,
          p50: json.latency.p50,
          p99: json.latency.p99,
          responses: json.requests.total,
          sent: json.requests.sent,
          ok: json['2xx'],
          non2xx: json.non2xx,
          errors: json.errors,
          timeouts: json.timeouts,
          durationSec: json.duration,
        });
      } catch (error) {
        reject(new Error(`could not read autocannon's JSON (${(error as Error).message}): ${stdout.slice(0, 500)}`));
      }
    });
  });
}
