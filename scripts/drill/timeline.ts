import type { Sample } from './traffic';

/** Something the drill did, on the scenario's clock (Postgres stopped, server killed …). */
export type DrillEvent = { at: number; label: string };

export const latency = (sample: Sample) => sample.end - sample.start;
export const isOk = (sample: Sample) => sample.status >= 200 && sample.status < 300 && sample.code === null;
const ms = (value: number) => `${Math.round(value)} ms`;
export const seconds = (value: number) => `${(value / 1000).toFixed(2)} s`;

/** Samples of one target that started in [from, to). */
export function startedIn(samples: Sample[], target: string, from: number, to = Infinity): Sample[] {
  return samples.filter((s) => s.target === target && s.start >= from && s.start < to);
}

/** Samples of one target in flight at some moment of [from, to): what the outage could delay. */
export function overlapping(samples: Sample[], target: string, from: number, to: number): Sample[] {
  return samples.filter((s) => s.target === target && s.start < to && s.end > from);
}

export const maxLatency = (samples: Sample[]) => samples.reduce((max, s) => Math.max(max, latency(s)), 0);

/** "p50 41 ms, max 380 ms (120 calls)". */
export function latencySummary(samples: Sample[]): string {
  if (samples.length === 0) return 'no calls';
  const sorted = samples.map(latency).sort((a, b) => a - b);
  return `p50 ${ms(sorted[Math.floor(sorted.length / 2)])}, max ${ms(sorted[sorted.length - 1])} (${samples.length} calls)`;
}

const label = (s: Sample) => (s.status === 0 ? `${s.code ?? 'error'}` : s.code ? `${s.status} ${s.code}` : String(s.status));

/** "200×512, 503 service_unavailable×31": answers grouped by status and error code. */
export function tally(samples: Sample[]): string {
  const counts = new Map<string, number>();
  for (const sample of samples) counts.set(label(sample), (counts.get(label(sample)) ?? 0) + 1);
  return [...counts].map(([name, count]) => `${name}×${count}`).join(', ') || '–';
}

/**
 * After `from` (Postgres back, the server restarted): the first call that started then, and how
 * long until calls succeed — `firstOkAfter` is when the first 2xx answer arrived, `steadyAfter`
 * when the calls from which on every one succeeded began. Both relative to `from`, or null.
 */
export function recovery(samples: Sample[], target: string, from: number) {
  const after = startedIn(samples, target, from).sort((a, b) => a.start - b.start);
  const first = after[0] ?? null;
  const firstOk = after.filter(isOk).sort((a, b) => a.end - b.end)[0] ?? null;
  let steady: Sample | null = null;
  for (let i = after.length - 1; i >= 0 && isOk(after[i]); i--) steady = after[i];
  return {
    firstCall: first ? { status: label(first), ms: Math.round(latency(first)), startedAfter: Math.round(first.start - from) } : null,
    firstOkAfter: firstOk ? Math.round(firstOk.end - from) : null,
    steadyAfter: steady ? Math.round(steady.start - from) : null,
  };
}

/**
 * Per second of the scenario (by when calls started): answers per target and the longest call.
 * Consecutive seconds that answered alike (same statuses per target, no event) share one row.
 */
export function perSecondTable(samples: Sample[], targets: string[], events: DrillEvent[], from = 0, to = Infinity): string[] {
  const inRange = samples.filter((s) => s.start >= from && s.start < to);
  if (inRange.length === 0) return ['  (no calls)'];
  const secondOf = (at: number) => Math.floor(at / 1000);
  const rows: { first: number; last: number; calls: Sample[]; events: DrillEvent[]; shape: string }[] = [];
  for (let second = secondOf(Math.min(...inRange.map((s) => s.start))); second <= secondOf(Math.max(...inRange.map((s) => s.start))); second++) {
    const calls = inRange.filter((s) => secondOf(s.start) === second);
    const marks = events.filter((e) => secondOf(e.at) === second);
    const shape = targets.map((t) => [...new Set(calls.filter((s) => s.target === t).map(label))].sort().join()).join('|');
    const previous = rows.at(-1);
    if (previous && marks.length === 0 && previous.events.length === 0 && previous.shape === shape) {
      previous.last = second;
      previous.calls.push(...calls);
    } else rows.push({ first: second, last: second, calls, events: marks, shape });
  }
  const lines = [`  ${'t (s)'.padStart(7)}  ${targets.map((t) => t.padEnd(40)).join('')}longest`];
  for (const row of rows) {
    const when = row.first === row.last ? `${row.first}` : `${row.first}–${row.last}`;
    const cells = targets.map((t) => tally(row.calls.filter((s) => s.target === t)).slice(0, 39).padEnd(40));
    const marks = row.events.map((e) => `  ← ${e.label}`).join('');
    lines.push(`  ${when.padStart(7)}  ${cells.join('')}${row.calls.length ? ms(maxLatency(row.calls)).padStart(8) : '        '}${marks}`);
  }
  return lines;
}

/** Events in order, as "+12.31 s Postgres stopped". */
export function eventLines(events: DrillEvent[]): string[] {
  return [...events].sort((a, b) => a.at - b.at).map((e) => `  +${seconds(e.at).padStart(8)}  ${e.label}`);
}
