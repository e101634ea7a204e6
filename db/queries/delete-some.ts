import 'server-only';
import { and, count, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../index';

/**
 * Deletes at most `limit` rows matching `where`: a plain DELETE has no LIMIT, so the rows are
 * found first and deleted by physical address (ctid, no second index lookup). A row updated
 * meanwhile has moved to another address and stays; `where` is checked once more on each row.
 */
export function deleteSome(db: Db, table: PgTable, where: SQL | undefined, limit: number): Promise<number> {
  const doomed = db.select({ ctid: sql`ctid` }).from(table).where(where).limit(limit);
  return countDeleted(db, table, and(sql`ctid = any(array(${doomed}))`, where));
}

/** One DELETE returning only its row count (drizzle's own count differs between the drivers). */
export async function countDeleted(db: Db, table: PgTable, where: SQL | undefined): Promise<number> {
  const gone = db.$with('gone').as(db.delete(table).where(where).returning({ one: sql<number>`1`.as('one') }));
  const [row] = await db.with(gone).select({ deleted: count() }).from(gone);
  return row.deleted;
}
