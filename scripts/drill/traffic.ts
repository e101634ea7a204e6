import { Agent, request } from 'node:http';

/** One HTTP call the drill keeps making. */
export type Target = {
  name: string;
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** For answers that are not JSON errors (a server action's payload): a failure code, or null when it worked. */
  check?: (status: number, body: string) => string | null;
};

/** One answer (or failure), on the drill's clock: milliseconds since the scenario began. */
export type Sample = {
  target: string;
  start: number;
  end: number;
  /** HTTP status, or 0 when no answer came (connection refused or reset, client timeout). */
  status: number;
  /** error.code of a JSON error body (or the target's own check), or the socket error's code when status is 0. */
  code: string | null;
  retryAfter: string | null;
};

export type Traffic = {
  samples: Sample[];
  /** Lets every loop finish its call in flight, then resolves. */
  stop(): Promise<void>;
};

export type Clock = (() => number) & {
  /** A wall-clock time (ms since the epoch, e.g. a commit timestamp from Postgres) on this clock. */
  fromWall(epochMs: number): number;
};

/** A clock for one scenario: events and samples share it, so they can be compared. */
export function startClock(): Clock {
  const origin = performance.now();
  return Object.assign(() => performance.now() - origin, { fromWall: (epochMs: number) => epochMs - performance.timeOrigin - origin });
}

const CLIENT_TIMEOUT_MS = 60_000;

/** One call; never rejects (a failure is a sample with status 0). */
export function call(target: Target, clock: Clock, agent?: Agent): Promise<Sample> {
  const start = clock();
  return new Promise((resolve) => {
    const done = (status: number, code: string | null, retryAfter: string | null = null) =>
      resolve({ target: target.name, start, end: clock(), status, code, retryAfter });
    const req = request(target.url, { agent, method: target.method ?? 'GET', headers: target.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (error: NodeJS.ErrnoException) => done(0, error.code ?? 'response_error'));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        const retryAfter = typeof res.headers['retry-after'] === 'string' ? res.headers['retry-after'] : null;
        const body = Buffer.concat(chunks).toString('utf8');
        done(status, target.check ? target.check(status, body) : status >= 400 ? errorCode(body) : null, retryAfter);
      });
    });
    req.setTimeout(CLIENT_TIMEOUT_MS, () => req.destroy(Object.assign(new Error('client timeout'), { code: 'CLIENT_TIMEOUT' })));
    req.on('error', (error: NodeJS.ErrnoException) => done(0, error.code ?? 'request_error'));
    req.end(target.body);
  });
}

function errorCode(body: string): string | null {
  try {
    return (JSON.parse(body) as { error?: { code?: string } }).error?.code ?? null;
  } catch {
    return null; // an HTML error page
  }
}

/**
 * Closed-loop traffic from this process: `concurrency` loops, loop i calling targets[i % n] again
 * as soon as the previous answer arrived (after `pauseMs`). A refused connection pauses the loop
 * 50 ms so a dead server does not spin it. Keep-alive connections, like an integration's client.
 */
export function startTraffic({ targets, concurrency, clock, pauseMs = 0 }: { targets: Target[]; concurrency: number; clock: Clock; pauseMs?: number }): Traffic {
  const agent = new Agent({ keepAlive: true, maxSockets: Math.max(1, concurrency) });
  const samples: Sample[] = [];
  let running = true;
  const loop = async (target: Target) => {
    while (running) {
      const sample = await call(target, clock, agent);
      samples.push(sample);
      const pause = sample.status === 0 ? Math.max(pauseMs, 50) : pauseMs;
      if (pause > 0 && running) await new Promise((resolve) => setTimeout(resolve, pause));
    }
  };
  const loops = Array.from({ length: concurrency }, (_, i) => loop(targets[i % targets.length]));
  return {
    samples,
    async stop() {
      running = false;
      await Promise.all(loops);
      agent.destroy();
    },
  };
}

export type Probe = Traffic & {
  /** Calls every target now, besides the schedule (the moment Postgres is back). */
  fireNow(): void;
};

/**
 * Calls every target every `everyMs` whether or not the previous call answered (open loop), so a
 * call that hangs does not hide the next ones as it does in a closed loop, and a call can be
 * started at a chosen moment. `maxPending` skips a tick for a target with that many calls still
 * waiting (an expensive page must not pile up); fireNow() calls regardless.
 */
export function startProbe({ targets, everyMs, clock, maxPending = Infinity }: { targets: Target[]; everyMs: number; clock: Clock; maxPending?: number }): Probe {
  const samples: Sample[] = [];
  const pending = new Map<Target, Set<Promise<void>>>(targets.map((target) => [target, new Set()]));
  const fire = (force: boolean) => {
    for (const [target, waiting] of pending) {
      if (!force && waiting.size >= maxPending) continue;
      const done: Promise<void> = call(target, clock).then((sample) => {
        samples.push(sample);
        waiting.delete(done);
      });
      waiting.add(done);
    }
  };
  fire(true);
  const timer = setInterval(() => fire(false), everyMs);
  return {
    samples,
    fireNow: () => fire(true),
    async stop() {
      clearInterval(timer);
      await Promise.all([...pending.values()].flatMap((waiting) => [...waiting]));
    },
  };
}
