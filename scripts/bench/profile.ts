/**
 * `npm run bench -- --profile <dir>`: where the guard's CPU goes.
 *
 * V8's .cpuprofile timestamps and `process.hrtime` both read the monotonic clock, so the bench
 * notes when each measured run (and its drain) started and ended, and this file charges every
 * sample to the run it fell in. Self time per request, guarded minus baseline, is the guard's cost
 * broken down by function — the whole-run profile alone mixes in start-up, warm-up and idle time.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Target } from './report';

export type ProfileWindow = { target: Target; startUs: number; endUs: number; responses: number };

type CpuProfile = {
  nodes: { id: number; callFrame: CallFrame }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
};

export const nowUs = () => Number(process.hrtime.bigint() / 1000n);

export function saveWindows(dir: string, windows: ProfileWindow[]): void {
  writeFileSync(path.join(dir, 'windows.json'), JSON.stringify(windows, null, 1));
}

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };

const sourceMaps = new Map<string, SourceMap | null>();

/** The production build is minified: a frame in `.next` is named by its source map (function name and file of the original). */
function original(frame: CallFrame): CallFrame {
  if (!frame.url.includes('/.next/')) return frame;
  const file = frame.url.startsWith('file:') ? fileURLToPath(frame.url) : frame.url;
  if (!sourceMaps.has(file)) sourceMaps.set(file, existsSync(`${file}.map`) ? new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8'))) : null);
  const entry = sourceMaps.get(file)?.findEntry(frame.lineNumber, frame.columnNumber);
  if (!entry || !('originalSource' in entry)) return frame;
  return {
    functionName: (entry as { name?: string }).name ?? frame.functionName,
    url: entry.originalSource.replace(/^turbopack:\/\/\/(\[project\]\/)?/, ''),
    lineNumber: entry.originalLine,
    columnNumber: entry.originalColumn,
  };
}

/** "function file:line", with node_modules and build paths shortened so entries read at a glance. */
export function frameName(frame: CallFrame): string {
  const { functionName, url, lineNumber } = original(frame);
  const file = url
    .replace(/^.*node_modules\//, '')
    .replace(/^.*\.next\/server\//, '.next/')
    .replace(/^file:\/\/.*?\/(lib|app|db|server\.ts)/, '$1');
  return file ? `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}` : functionName;
}

/** Microseconds of self time per function, per response, inside the windows of one target. */
function selfTimePerRequest(profile: CpuProfile, windows: ProfileWindow[]): Map<string, number> {
  const names = new Map(profile.nodes.map((node) => [node.id, frameName(node.callFrame)]));
  const totals = new Map<string, number>();
  const sorted = [...windows].sort((a, b) => a.startUs - b.startUs);
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i];
    const delta = profile.timeDeltas[i + 1] ?? 0;
    if (!sorted.some((w) => at >= w.startUs && at < w.endUs)) continue;
    const name = names.get(profile.samples[i])!;
    totals.set(name, (totals.get(name) ?? 0) + delta);
  }
  const responses = windows.reduce((n, w) => n + w.responses, 0);
  return new Map([...totals].map(([name, us]) => [name, us / responses]));
}

/** The main thread's profile: the largest file V8 wrote (workers write small ones beside it). */
function mainProfile(dir: string): CpuProfile {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  if (files.length === 0) throw new Error(`no .cpuprofile in ${dir}`);
  const sized = files.map((f) => ({ f, size: statSync(path.join(dir, f)).size }));
  const largest = sized.sort((a, b) => b.size - a.size)[0].f;
  return JSON.parse(readFileSync(path.join(dir, largest), 'utf8')) as CpuProfile;
}

const IDLE = new Set(['(idle)', '(program)']);

/** The report: top self time of the guarded path, and the entries the guard adds over the baseline. */
export function profileReport(dir: string, top = 10): string {
  const windows = JSON.parse(readFileSync(path.join(dir, 'windows.json'), 'utf8')) as ProfileWindow[];
  const profile = mainProfile(dir);
  const guarded = selfTimePerRequest(profile, windows.filter((w) => w.target === 'guarded'));
  const baseline = selfTimePerRequest(profile, windows.filter((w) => w.target === 'baseline'));
  const busy = (m: Map<string, number>) => [...m].filter(([name]) => !IDLE.has(name));
  const sum = (m: Map<string, number>) => busy(m).reduce((n, [, us]) => n + us, 0);
  const row = (name: string, us: number, extra = '') => `${us.toFixed(1).padStart(8)} µs${extra}  ${name.slice(0, 110)}`;
  const added = busy(guarded)
    .map(([name, us]): [string, number] => [name, us - (baseline.get(name) ?? 0)])
    .sort((a, b) => b[1] - a[1]);
  return [
    `CPU profile (${dir}): busy µs per response, idle excluded — baseline ${sum(baseline).toFixed(0)}, guarded ${sum(guarded).toFixed(0)} (+${(sum(guarded) - sum(baseline)).toFixed(0)})`,
    '',
    `top ${top} self time on the guarded path (µs per request):`,
    ...busy(guarded).sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, us]) => row(name, us)),
    '',
    `top ${top} the guard adds (guarded minus baseline self time, µs per request):`,
    ...added.slice(0, top).map(([name, us]) => row(name, us, ` (${(guarded.get(name) ?? 0).toFixed(1)} vs ${(baseline.get(name) ?? 0).toFixed(1)})`)),
  ].join('\n');
}
