import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';

const run = promisify(execFile);
const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/**
 * A throwaway PostgreSQL cluster for the outage drills: `initdb` under a fresh temp dir, its own
 * free port and socket dir, so stopping it can never touch the machine's main cluster. Run as root,
 * the binaries run as the `postgres` user (initdb refuses root); otherwise as the current user.
 */
export type ThrowawayCluster = {
  port: number;
  dir: string;
  /** A database URL on this cluster (trust auth, user postgres). */
  url(database: string): string;
  /** `pg_ctl start -w`: resolves once it accepts connections. Asynchronous, so load keeps running. */
  start(): Promise<void>;
  /** `fast` disconnects clients and shuts down cleanly; `immediate` is a crash of the server. */
  stop(mode: 'fast' | 'immediate'): Promise<void>;
  createDatabase(name: string): Promise<void>;
  /** Stops it (immediate) and deletes the directory. Synchronous, so it also runs from an exit handler. */
  remove(): void;
};

const asPostgres = (command: string, args: string[]): [string, string[]] =>
  process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];

export async function createThrowawayCluster(): Promise<ThrowawayCluster> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ic-drill-'));
  if (process.getuid?.() === 0) {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, id('-u'), id('-g'));
  }
  const data = path.join(dir, 'data');
  const port = await freePort();
  const ctl = (args: string[]) => run(...asPostgres(path.join(BIN, 'pg_ctl'), args));
  // Commit timestamps: the drill reads when a change was committed (pg_xact_commit_timestamp).
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c track_commit_timestamp=on`;
  let removed = false;

  const cluster: ThrowawayCluster = {
    port,
    dir,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async start() {
      await ctl(['-D', data, '-o', options, '-l', path.join(dir, 'postgres.log'), '-w', '-t', '60', 'start']);
    },
    async stop(mode) {
      await ctl(['-D', data, '-m', mode, '-w', '-t', '60', 'stop']);
    },
    async createDatabase(name) {
      await run(...asPostgres(path.join(BIN, 'psql'), ['-h', dir, '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-qc', `create database "${name}"`]));
    },
    remove() {
      if (removed) return;
      removed = true;
      if (existsSync(path.join(data, 'postmaster.pid'))) {
        try {
          execFileSync(...asPostgres(path.join(BIN, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']), { stdio: 'ignore' });
        } catch {
          // Already stopped: nothing to do but delete the files.
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    const user = process.getuid?.() === 0 ? 'postgres' : userInfo().username;
    await run(...asPostgres(path.join(BIN, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']));
    await cluster.start();
    console.log(`throwaway cluster: ${dir} (user ${user}), 127.0.0.1:${port}`);
  } catch (error) {
    cluster.remove();
    throw error;
  }
  return cluster;
}
