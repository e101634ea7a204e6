import 'server-only';
import { and, count, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../index';

/**
 * Deletes at most `limit` rows matching `where`: a plain DELETE has no LIMIT, so the rows are
 * found first and deleted by physical address (ctid, no second index lookup). A row updated
 * meanwhile has moved to another address and stays; `where` is checked once more on each row.
 */
export function deleteSome(db: Db, table: PgTable, where: SQL | undefined, limit: number, oldestFirst?: PgColumn): Promise<number> {
  // In an index's order, that index is the plan even when stale statistics promise many matches.
  const doomed = db
    .select({ ctid: sql`ctid` })
    .from(table)
    .where(where)
    .orderBy(...(oldestFirst ? [oldestFirst] : []))
    .limit(limit);
  return countDeleted(db, table, and(sql`ctid = any(array(${doomed}))`, where));
}

/**
 * deleteSome over the rows of these keys matching `where`, found key by key: a lateral index
 * probe per key always takes the index that starts with the key, where `key in (…)` let the
 * planner scan the whole table whenever its statistics were stale (after a large delete: 520 ms a
 * page of keys with nothing left to delete, against 18 ms).
 */
export function deleteSomePerKey(db: Db, table: PgTable, keyColumn: PgColumn, keyIds: string[], where: SQL, limit: number): Promise<number> {
  const page = sql`unnest(array[${sql.join(
    keyIds.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]) as page(key_id)`;
  const doomed = sql`select per_key.ctid from ${page} cross join lateral (select ctid from ${table} where ${keyColumn} = page.key_id and ${where} limit ${limit}) as per_key limit ${limit}`;
  return countDeleted(db, table, and(sql`ctid = any(array(${doomed}))`, where));
}

/** One DELETE returning only its row count (drizzle's own count differs between the drivers). */
export async function countDeleted(db: Db, table: PgTable, where: SQL | undefined): Promise<number> {
  const gone = db.$with('gone').as(db.delete(table).where(where).returning({ one: sql<number>`1`.as('one') }));
  const [row] = await db.with(gone).select({ deleted: count() }).from(gone);
  return row.deleted;
}
