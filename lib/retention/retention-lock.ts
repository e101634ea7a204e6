import { drizzle } from 'drizzle-orm/postgres-js';
import { getDatabase, schema, type Database, type Db } from '@/db/index';

/** Any constant shared by every instance (db/migrate.ts holds 727 001). */
const RETENTION_LOCK = 727_002;

export const BUSY = Symbol('retention runs elsewhere');

let runningHere = false;

/**
 * Runs `prune` only if no other instance is pruning, else returns BUSY at once. On Postgres the
 * lock is a session advisory lock, so it is taken on one connection reserved from the pool for the
 * run, which also carries every delete: retention holds one connection, the API keeps the others.
 * PGlite is opened by one process only, and its one session would grant the lock twice: a flag in
 * this process is the lock there.
 */
export async function withRetentionLock<T>(prune: (db: Db) => Promise<T>, database: Database = getDatabase()): Promise<T | typeof BUSY> {
  if (database.kind === 'pglite') {
    if (runningHere) return BUSY;
    runningHere = true;
    try {
      return await prune(database.db);
    } finally {
      runningHere = false;
    }
  }
  const connection = await database.sql.reserve();
  try {
    const [{ locked }] = await connection<{ locked: boolean }[]>`select pg_try_advisory_lock(${RETENTION_LOCK}) as locked`;
    if (!locked) return BUSY;
    try {
      // A reserved connection lacks the pool's `options`, which drizzle reads (its parsers): it
      // runs on that very object, so handing it over changes nothing for the pool.
      return await prune(drizzle(Object.assign(connection, { options: database.sql.options }), { schema }));
    } finally {
      // Fails only with the connection, whose end releases the lock anyway.
      await connection`select pg_advisory_unlock(${RETENTION_LOCK})`.catch(() => {});
    }
  } finally {
    connection.release();
  }
}
