import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deadPid, segmentsUnder, tempSpoolRoot } from './__fixtures__/spool';
import { adoptOrphans, createOwnDir, ownerIsGone, segmentName, STALE_AFTER_MS, type SpoolOwner } from './usage-spool-dir';

const me: SpoolOwner = { pid: 1000, host: 'a' };
const alive = (pid: number) => pid === 2000;

describe('whose spool directory may be adopted', () => {
  it.each([
    ['no owner file (stopped cleanly with rows left)', null, 0, true],
    ['a live process on this host', { pid: 2000, host: 'a' }, 0, false],
    ['a dead process on this host', { pid: 3000, host: 'a' }, 0, true],
    ['this pid in an earlier life (a restarted container)', { pid: 1000, host: 'a' }, 0, true],
    ['another host, heartbeat fresh', { pid: 3000, host: 'b' }, STALE_AFTER_MS - 1, false],
    ['another host, heartbeat stale', { pid: 3000, host: 'b' }, STALE_AFTER_MS + 1, true],
    ['a live pid whose heartbeat stopped (the pid was reused)', { pid: 2000, host: 'a' }, STALE_AFTER_MS + 1, true],
  ] as const)('%s → %s', (_, owner, heartbeatAgeMs, gone) => {
    expect(ownerIsGone(owner, heartbeatAgeMs, me, alive)).toBe(gone);
  });
});

describe('adopting orphans', () => {
  let temp: ReturnType<typeof tempSpoolRoot>;
  beforeEach(() => {
    temp = tempSpoolRoot();
  });
  afterEach(() => temp.cleanup());

  let names = 0;
  const nextName = () => segmentName(++names);
  const withSegments = (owner: SpoolOwner, count: number) => {
    const dir = createOwnDir(temp.root, owner);
    for (let i = 1; i <= count; i++) fs.writeFileSync(path.join(dir, segmentName(i)), `{"segment":${i}}\n`);
    return dir;
  };

  it('moves a dead owner’s segments, oldest first, into the one process that claims them', () => {
    const host = 'h';
    withSegments({ pid: deadPid(), host }, 3);
    const first = createOwnDir(temp.root, { pid: process.pid, host });
    const second = createOwnDir(temp.root, { pid: process.ppid, host });

    const adopted = adoptOrphans(temp.root, first, { pid: process.pid, host }, nextName);
    expect(adoptOrphans(temp.root, second, { pid: process.ppid, host }, nextName)).toEqual([]);

    expect(adopted.map((file) => fs.readFileSync(file, 'utf8'))).toEqual(['{"segment":1}\n', '{"segment":2}\n', '{"segment":3}\n']);
    expect(segmentsUnder(temp.root).every((name) => name.startsWith(path.basename(first)))).toBe(true);
    // The orphan's directory is gone; the two live ones remain.
    expect(fs.readdirSync(temp.root).sort()).toEqual([path.basename(first), path.basename(second)].sort());
  });

  it('leaves a live owner’s segments alone', () => {
    const host = 'h';
    const live = withSegments({ pid: process.ppid, host }, 2);
    const mine = createOwnDir(temp.root, { pid: process.pid, host });
    expect(adoptOrphans(temp.root, mine, { pid: process.pid, host }, nextName)).toEqual([]);
    expect(fs.readdirSync(live)).toHaveLength(3);
  });

  it('removes a directory whose creator died before it got its name, once it is stale', () => {
    const mine = createOwnDir(temp.root, me);
    const fresh = fs.mkdtempSync(path.join(temp.root, '.new-'));
    const stale = fs.mkdtempSync(path.join(temp.root, '.new-'));
    const old = new Date(Date.now() - STALE_AFTER_MS - 1_000);
    fs.utimesSync(stale, old, old);
    adoptOrphans(temp.root, mine, me, nextName);
    expect(fs.existsSync(fresh)).toBe(true);
    expect(fs.existsSync(stale)).toBe(false);
  });
});
