import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { getConfig } from '@/lib/config';
import { connectionPolicy } from './connection-policy';
import { processState } from '@/lib/process-state';
import * as schema from './schema';

/** Both drivers speak the same drizzle API; typing them as one keeps queries driver-agnostic. */
export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export type Database =
  | { kind: 'postgres'; db: Db; sql: postgres.Sql; close(): Promise<void> }
  | { kind: 'pglite'; db: Db; pglite: PGlite; close(): Promise<void> };

// server.ts (run by tsx) and Next's bundles load this module separately: the handle lives in the
// process state so the process has exactly one client (two PGlite handles on a directory lose data).

function open(): Database {
  const { DATABASE_URL, PGLITE_DIR } = getConfig();
  if (DATABASE_URL) {
    const sql = openPostgres({ max: 10 });
    return { kind: 'postgres', sql, db: drizzlePostgres(sql, { schema }), close: () => sql.end({ timeout: 5 }) };
  }
  if (!PGLITE_DIR.startsWith('memory://')) mkdirSync(PGLITE_DIR, { recursive: true });
  const pglite = new PGlite(PGLITE_DIR);
  const db = drizzlePglite(pglite, { schema }) as unknown as Db;
  return { kind: 'pglite', pglite, db, close: () => pglite.close() };
}

/**
 * A postgres.js client on DATABASE_URL with the app's bounded waits (db/connection-policy.ts).
 * The pool is one; the key-change listener and the migrator open their own with `overrides`.
 */
export function openPostgres(overrides: postgres.Options<Record<string, postgres.PostgresType>> = {}): postgres.Sql {
  const { DATABASE_URL } = getConfig();
  if (!DATABASE_URL) throw new Error('openPostgres() needs DATABASE_URL');
  return postgres(DATABASE_URL, { ...connectionPolicy, ...overrides, connection: { ...connectionPolicy.connection, ...overrides.connection } });
}

/** Opened on first use, never at import, so `next build` does not create a database. */
export function getDatabase(): Database {
  const state = processState();
  state.database ??= open();
  return state.database;
}

export function getDb(): Db {
  return getDatabase().db;
}

export async function closeDatabase(): Promise<void> {
  const state = processState();
  const database = state.database;
  state.database = undefined;
  await database?.close();
}

export { schema };
