import path from 'node:path';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { drizzle } from 'drizzle-orm/postgres-js';
import { getDatabase, openPostgres } from './index';

const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');
// Any constant shared by every instance: only one of them migrates at a time.
const MIGRATION_LOCK = 727_001;

/** Applies drizzle-kit's migrations. Safe to call from several instances at once. */
export async function migrateDatabase(): Promise<void> {
  const database = getDatabase();
  if (database.kind === 'pglite') {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  // A client of its own, without the app's statement timeout: a backfill may take longer, and
  // another instance waits on the lock for as long as this one migrates.
  const sql = openPostgres({ max: 2, connection: { statement_timeout: 0 } });
  try {
    // The advisory lock belongs to a session: one reserved connection holds it while the other migrates.
    const connection = await sql.reserve();
    try {
      await connection`select pg_advisory_lock(${MIGRATION_LOCK})`;
      await migratePostgres(drizzle(sql), { migrationsFolder });
    } finally {
      await connection`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => {});
      connection.release();
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
}
