import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { normalizeUsageRecord } from '../usage-record';
import { usageRecord } from './usage';

/** A spool root of the test's own; `cleanup` removes it. */
export function tempSpoolRoot(): { root: string; cleanup: () => void } {
  const root = fs.mkdtempSync(path.join(tmpdir(), 'usage-spool-test-'));
  return { root, cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/** Resolves after the current event-loop turn, when the spool has written the turn's rows. */
export const endOfTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Segment files anywhere under root. */
export const segmentsUnder = (root: string) =>
  fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ndjson'))
    .sort();

/** Every line of every segment under root. */
export const linesUnder = (root: string) =>
  segmentsUnder(root).flatMap((name) => fs.readFileSync(path.join(root, name), 'utf8').split('\n').filter(Boolean));

/** The pid of a process that has exited (for an owner that is gone). */
export function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid;
}

/** Normalised rows (as the recorder hands them to the spool), of no particular key unless given. */
export function spoolRows(count: number, apiKeyId: string | null = null, communityId: string = randomUUID()) {
  return Array.from({ length: count }, () => normalizeUsageRecord(usageRecord(communityId, apiKeyId)));
}
