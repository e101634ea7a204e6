import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { UsageRow } from '@/db/queries/api-requests';
import { normalizeUsageRecord } from './usage-record';

/**
 * The usage spool on disk. Each process appends to segment files (`<n>.ndjson`, one usage row per
 * line) in a directory of its own under the spool root, holding `owner.json` (pid and host) whose
 * modification time is a heartbeat. Another process adopts the directory — moves its segments
 * into its own and writes their rows — only once its owner is gone (ownerIsGone). Claiming is
 * one rename, so of two processes looking at the same orphan only one takes it.
 */
export type SpoolOwner = { pid: number; host: string };

/** How often a process touches its owner file (and looks for orphans). */
export const HEARTBEAT_MS = 10_000;
/** An owner file untouched this long belongs to a process that is gone, whatever its pid says. */
export const STALE_AFTER_MS = 60_000;
const OWNER_FILE = 'owner.json';
const SEGMENT_SUFFIX = '.ndjson';

/** Segment names sort in the order they were created. */
export const segmentName = (n: number) => `${String(n).padStart(10, '0')}${SEGMENT_SUFFIX}`;

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is just not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * May process `me` adopt a directory whose owner file says `owner` (null: none, i.e. its owner
 * stopped cleanly and left rows, or the file is unreadable), touched `heartbeatAgeMs` ago?
 * - a stale heartbeat: yes (a pid reused by another program, or an owner on another machine);
 * - on another machine with a fresh heartbeat: no, its pid means nothing here;
 * - this process's own pid: yes, it is a previous life of it (a restarted container's pid 1);
 * - otherwise: yes once that pid is dead.
 */
export function ownerIsGone(owner: SpoolOwner | null, heartbeatAgeMs: number, me: SpoolOwner, alive: (pid: number) => boolean = isAlive): boolean {
  if (!owner || heartbeatAgeMs > STALE_AFTER_MS) return true;
  if (owner.host !== me.host) return false;
  if (owner.pid === me.pid) return true;
  return !alive(owner.pid);
}

/** This process's directory under root, owner file included, created in one rename: nobody sees it without its owner. */
export function createOwnDir(root: string, owner: SpoolOwner): string {
  // Usage rows hold client addresses: readable by this user only (mkdtemp's directories are 0700 too).
  fs.mkdirSync(root, { recursive: true, mode: 0o700 });
  const temp = fs.mkdtempSync(path.join(root, '.new-'));
  fs.writeFileSync(path.join(temp, OWNER_FILE), JSON.stringify(owner), { mode: 0o600 });
  const dir = path.join(root, `${owner.pid}-${randomUUID().slice(0, 8)}`);
  fs.renameSync(temp, dir);
  return dir;
}

/** The heartbeat; false when the owner file is gone (another process took the directory over). */
export function touchOwner(dir: string): boolean {
  try {
    const now = new Date();
    fs.utimesSync(path.join(dir, OWNER_FILE), now, now);
    return true;
  } catch {
    return false;
  }
}

/** At a clean stop: without its owner file the directory (if rows are left in it) is adopted at once by the next process; an empty one goes. */
export function releaseOwnDir(dir: string): void {
  fs.rmSync(path.join(dir, OWNER_FILE), { force: true });
  try {
    fs.rmdirSync(dir);
  } catch {
    // Not empty: rows the database has not taken yet stay for the next process.
  }
}

function readOwner(dir: string): { owner: SpoolOwner | null; touchedAt: number } {
  try {
    const file = path.join(dir, OWNER_FILE);
    const touchedAt = fs.statSync(file).mtimeMs;
    const owner = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<SpoolOwner>;
    const valid = Number.isInteger(owner.pid) && typeof owner.host === 'string';
    return { owner: valid ? (owner as SpoolOwner) : null, touchedAt };
  } catch {
    return { owner: null, touchedAt: 0 };
  }
}

/**
 * Claims every orphaned directory under root and moves its segments into `ownDir` under the
 * names `nextName` gives, oldest first; returns their new paths. A directory being created
 * (`.new-…`) is skipped while fresh and removed once stale (its creator died before the rename).
 */
export function adoptOrphans(root: string, ownDir: string, me: SpoolOwner, nextName: () => string, alive: (pid: number) => boolean = isAlive): string[] {
  const adopted: string[] = [];
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    const dir = path.join(root, entry.name);
    if (!entry.isDirectory() || dir === ownDir) continue;
    if (entry.name.startsWith('.')) {
      if (Date.now() - fs.statSync(dir).mtimeMs > STALE_AFTER_MS) fs.rmSync(dir, { recursive: true, force: true });
      continue;
    }
    const { owner, touchedAt } = readOwner(dir);
    if (!ownerIsGone(owner, Date.now() - touchedAt, me, alive)) continue;
    // Kept inside ownDir until emptied: if this process dies now, the next adopter finds them there.
    const claimed = path.join(ownDir, `.adopting-${entry.name}`);
    try {
      fs.renameSync(dir, claimed);
    } catch {
      continue; // another process claimed it first
    }
    const files = fs.readdirSync(claimed, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith(SEGMENT_SUFFIX)).sort();
    for (const file of files) {
      const target = path.join(ownDir, nextName());
      fs.renameSync(path.join(claimed, file), target);
      adopted.push(target);
    }
    fs.rmSync(claimed, { recursive: true, force: true });
  }
  return adopted;
}

/**
 * The rows of one segment. A line that is not a usage row (a write cut short by a crash or a
 * power loss) is skipped and counted; every row passes the recorder's normalisation again.
 */
export function readSegment(file: string): { rows: UsageRow[]; unreadable: number } {
  const rows: UsageRow[] = [];
  let unreadable = 0;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line === '') continue;
    try {
      const row = JSON.parse(line) as UsageRow & { at: string };
      const at = new Date(row.at);
      if (typeof row.requestId !== 'string' || row.requestId === '' || Number.isNaN(at.getTime())) throw new TypeError('not a usage row');
      rows.push(normalizeUsageRecord({ ...row, at }));
    } catch {
      unreadable++;
    }
  }
  return { rows, unreadable };
}
