import { Agent, request } from 'node:http';

export type IdLoadResult = {
  /** X-Request-Id of every answer below 500 received in full: each is a request the guard recorded. */
  answered: string[];
  /** Answers of 500 or more (not usage rows the guard promises). */
  serverErrors: number;
  /** Requests that got no complete answer (the server died under them). */
  failed: number;
  durationMs: number;
};

/**
 * A closed-loop load generator that keeps the request id of every answer, so a check can tell
 * exactly which answered requests have no usage row (autocannon only counts). Each of
 * `connections` loops sends the next request when the previous answer is complete, until
 * `stop` is aborted or the connection fails (the server was killed).
 */
export async function runIdLoad({
  url,
  connections,
  headers,
  stop,
}: {
  url: string;
  connections: number;
  headers: Record<string, string>;
  stop: AbortSignal;
}): Promise<IdLoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const result: IdLoadResult = { answered: [], serverErrors: 0, failed: 0, durationMs: 0 };
  const started = performance.now();

  const once = () =>
    new Promise<boolean>((resolve) => {
      const req = request(url, { agent, headers }, (res) => {
        res.resume();
        res.on('error', () => resolve(false));
        res.on('end', () => {
          const id = res.headers['x-request-id'];
          if ((res.statusCode ?? 500) >= 500) result.serverErrors++;
          else if (typeof id === 'string') result.answered.push(id);
          resolve(true);
        });
      });
      req.on('error', () => resolve(false));
      req.end();
    });

  const loop = async () => {
    while (!stop.aborted) {
      if (!(await once())) {
        result.failed++;
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  agent.destroy();
  result.durationMs = performance.now() - started;
  return result;
}
