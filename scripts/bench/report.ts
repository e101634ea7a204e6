import type { CpuUse } from './cpu';
import type { LoadResult } from './load';

export type Target = 'baseline' | 'guarded';

export type Run = {
  phase: string;
  target: Target;
  path: string;
  load: LoadResult;
  /** CPU use while the load ran. */
  cpu: CpuUse;
  /** Server CPU ms per response, including the drain after a guarded run (its deferred usage writes). */
  cpuMsPerRequest: number;
  /** How long the usage recorder took, after the load stopped, to commit this run's rows. */
  drainMs?: number;
  /** Guarded runs use their own key, so their usage rows can be counted exactly. */
  keyId?: string;
  /** Usage rows of this run's key in the database the moment the load stopped (recorder lag). */
  rowsWhenStopped?: number;
};

export type Targets = { minRatio: number; maxAddedP99Ms: number; minGuardedRequests: number };

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
const pad = (cells: (string | number)[], widths: number[]) =>
  cells.map((cell, i) => (i < 2 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join('  ');

export function runTable(runs: Run[], cores: number): string {
  const widths = [12, 12, 6, 4, 5, 9, 6, 6, 10, 12, 10, 8];
  const header = pad(['phase', 'path', 'req/s', 'p50', 'p99', 'responses', 'non2xx', 'errors', 'server CPU', `CPU (${cores} cores)`, 'CPU ms/req', 'drain ms'], widths);
  const lines = runs.map((r) =>
    pad(
      [
        r.phase,
        r.path,
        r.load.reqPerSec.toFixed(0),
        r.load.p50,
        r.load.p99,
        r.load.responses,
        r.load.non2xx,
        r.load.errors,
        pct(r.cpu.serverShare),
        pct(r.cpu.machineShare),
        r.cpuMsPerRequest.toFixed(3),
        r.drainMs === undefined ? '' : r.drainMs.toFixed(0),
      ],
      widths,
    ),
  );
  return [header, '-'.repeat(header.length), ...lines].join('\n');
}

type Side = { reqPerSec: number; p50: number; p99: number; responses: number; cpuMs: number };

function side(runs: Run[]): Side {
  return {
    reqPerSec: mean(runs.map((r) => r.load.reqPerSec)),
    p50: mean(runs.map((r) => r.load.p50)),
    p99: mean(runs.map((r) => r.load.p99)),
    responses: runs.reduce((n, r) => n + r.load.responses, 0),
    cpuMs: mean(runs.map((r) => r.cpuMsPerRequest)),
  };
}

/** Throughput and latency of the measured rounds (warm-up and single-connection runs left out). */
export function summary(measured: Run[], serial: Run[], targets: Targets): { text: string; ratio: number; addedP99: number } {
  const base = side(measured.filter((r) => r.target === 'baseline'));
  const guard = side(measured.filter((r) => r.target === 'guarded'));
  const ratio = guard.reqPerSec / base.reqPerSec;
  const addedP99 = guard.p99 - base.p99;
  const pairs = measured
    .filter((r) => r.target === 'guarded')
    .map((g) => g.load.reqPerSec / measured.find((r) => r.target === 'baseline' && r.phase === g.phase)!.load.reqPerSec);
  const median = [...pairs].sort((a, b) => a - b)[Math.floor((pairs.length - 1) / 2)];
  const lines = [
    `baseline /api/health : ${base.reqPerSec.toFixed(0)} req/s, p50 ${base.p50.toFixed(1)} ms, p99 ${base.p99.toFixed(1)} ms  (mean of ${pairs.length} rounds)`,
    `guarded  /api/v1/me  : ${guard.reqPerSec.toFixed(0)} req/s, p50 ${guard.p50.toFixed(1)} ms, p99 ${guard.p99.toFixed(1)} ms  (mean of ${pairs.length} rounds)`,
    `ratio guarded/baseline: ${ratio.toFixed(3)}  (per round: ${pairs.map((x) => x.toFixed(3)).join(', ')}; median ${median.toFixed(3)})  ` +
      verdict(ratio >= targets.minRatio, `≥ ${targets.minRatio}`, `short by ${((targets.minRatio - ratio) * 100).toFixed(1)} % of baseline`),
    // The server's CPU per request is far less sensitive than req/s to other work on the machine:
    // with a core of its own, a CPU-bound server's throughput ratio would be this.
    `server CPU per request: ${base.cpuMs.toFixed(3)} → ${guard.cpuMs.toFixed(3)} ms (+${(guard.cpuMs - base.cpuMs).toFixed(3)} ms; ` +
      `ratio ${(base.cpuMs / guard.cpuMs).toFixed(3)} = the throughput ratio a CPU-bound server with a core to itself would show)`,
    `added p99            : ${addedP99.toFixed(1)} ms  ${verdict(addedP99 <= targets.maxAddedP99Ms, `≤ ${targets.maxAddedP99Ms} ms`, `over by ${(addedP99 - targets.maxAddedP99Ms).toFixed(1)} ms`)}`,
  ];
  const [b, g] = [serial.find((r) => r.target === 'baseline'), serial.find((r) => r.target === 'guarded')];
  if (b && g) {
    // One connection, closed loop: nothing queues, so duration/responses is the exact mean round trip.
    const msPer = (r: Run) => (1000 * r.load.durationSec) / r.load.responses;
    lines.push(
      `one connection (no queueing): mean ${msPer(b).toFixed(2)} → ${msPer(g).toFixed(2)} ms per request (+${(msPer(g) - msPer(b)).toFixed(2)} ms), ` +
        `p50 ${b.load.p50} → ${g.load.p50} ms, p99 ${b.load.p99} → ${g.load.p99} ms (added p99 ${g.load.p99 - b.load.p99} ms)`,
    );
  }
  return { text: lines.join('\n'), ratio, addedP99 };
}

export type RowCount = { rows: number; ok: number };

/** Usage rows per guarded run: every response must have its row; in-flight requests may add some. */
export function usageTable(guardedRuns: Run[], after: Map<string, RowCount>, measuredPhases: Set<string>, targets: Targets): { text: string; lost: number } {
  const widths = [12, 14, 9, 8, 12, 12, 6, 5];
  // "extra" rows belong to requests still in flight when autocannon stopped: the server answered
  // them after the client had gone, so autocannon never counted a response (at most one per connection).
  const header = pad(['phase', 'path', 'responses', 'sent', 'rows at stop', 'rows at exit', 'extra', 'lost'], widths);
  let lost = 0;
  let responses = 0;
  let measuredResponses = 0;
  let rows = 0;
  let bounded = true;
  const lines = guardedRuns.map((r) => {
    const count = after.get(r.keyId!)?.rows ?? 0;
    const missing = Math.max(0, r.load.responses - count);
    lost += missing;
    responses += r.load.responses;
    rows += count;
    // Every answered request has a row, and no request has two: responses ≤ rows ≤ sent.
    bounded &&= r.load.responses <= count && count <= r.load.sent;
    if (measuredPhases.has(r.phase)) measuredResponses += r.load.responses;
    return pad([r.phase, r.path, r.load.responses, r.load.sent, r.rowsWhenStopped ?? '?', count, Math.max(0, count - r.load.responses), missing], widths);
  });
  const enough = measuredResponses >= targets.minGuardedRequests;
  // Rows not yet committed when a full-load round stopped, in seconds of that round's traffic.
  const lags = guardedRuns
    .filter((r) => measuredPhases.has(r.phase) && r.rowsWhenStopped !== undefined)
    .map((r) => ({ rows: r.load.sent - r.rowsWhenStopped!, seconds: (r.load.sent - r.rowsWhenStopped!) / r.load.reqPerSec }));
  const worst = lags.sort((x, y) => y.rows - x.rows)[0];
  const text = [
    header,
    '-'.repeat(header.length),
    ...lines,
    `responses ≤ rows ≤ sent for every run: ${bounded ? 'yes' : 'NO'}`,
    worst ? `usage recorder lag when a round stopped: up to ${worst.rows} rows (${worst.seconds.toFixed(1)} s of that round's traffic)` : '',
    `total: ${rows} usage rows written for ${responses} guarded responses (${measuredResponses} in measured rounds` +
      `${enough ? '' : `, fewer than the ${targets.minGuardedRequests} asked for`}); lost ${lost}  ${verdict(lost === 0 && enough, `0 lost of ≥ ${targets.minGuardedRequests}`, lost > 0 ? `${lost} lost` : 'too few requests')}`,
  ]
    .filter((line) => line !== '')
    .join('\n');
  return { text, lost };
}

function verdict(met: boolean, target: string, miss: string): string {
  return met ? `[target ${target}: met]` : `[target ${target}: MISSED, ${miss}]`;
}
