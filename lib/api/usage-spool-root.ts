import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Config } from '@/lib/config';

/**
 * Where this process spools usage rows: a subdirectory of USAGE_SPOOL_DIR named after the
 * database, so a process never adopts rows a dead process meant for another database (a bench
 * run next to a dev server, two deployments on one disk). Null for in-memory PGlite: that
 * database dies with the process, so there is nothing to write spooled rows into after a crash.
 */
export function usageSpoolRoot({ USAGE_SPOOL_DIR, DATABASE_URL, PGLITE_DIR }: Pick<Config, 'USAGE_SPOOL_DIR' | 'DATABASE_URL' | 'PGLITE_DIR'>): string | null {
  if (!DATABASE_URL && PGLITE_DIR.startsWith('memory://')) return null;
  return path.join(USAGE_SPOOL_DIR, databaseName({ DATABASE_URL, PGLITE_DIR }));
}

/** The database without its credentials (another user, same rows), hashed: the directory name shows no host or password. */
function databaseName({ DATABASE_URL, PGLITE_DIR }: Pick<Config, 'DATABASE_URL' | 'PGLITE_DIR'>): string {
  let target: string;
  if (DATABASE_URL) {
    const url = new URL(DATABASE_URL);
    url.username = '';
    url.password = '';
    target = url.toString();
  } else {
    target = `pglite:${path.resolve(PGLITE_DIR)}`;
  }
  return `${DATABASE_URL ? 'postgres' : 'pglite'}-${createHash('sha256').update(target).digest('hex').slice(0, 16)}`;
}
