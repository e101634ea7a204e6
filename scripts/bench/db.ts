import postgres from 'postgres';
// The pure key helpers (no `server-only`, no database): the same format the admin form issues.
import { generateApiKey } from '../../lib/api-keys';
import { NEW_KEY_PERMISSIONS } from '../../lib/api-keys/permissions';
import type { KeyRateLimit } from '../../lib/api-keys/rate-limit-policy';

const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type BenchDatabase = {
  url: string;
  /** True when this run created the database (and so drops it at the end). */
  created: boolean;
  sql: postgres.Sql;
  /** Closes the connection; drops the database if this run created it. */
  dispose(): Promise<void>;
};

/** DATABASE_URL if set (kept afterwards), else a fresh `ic_<label>_<timestamp>` dropped at the end. */
export async function prepareDatabase(label = 'bench'): Promise<BenchDatabase> {
  const given = process.env.DATABASE_URL;
  if (given) {
    const sql = postgres(given, { max: 2, onnotice: () => {} });
    return { url: given, created: false, sql, dispose: () => sql.end({ timeout: 5 }) };
  }
  const name = `ic_${label}_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}_${process.pid}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const sql = postgres(url.toString(), { max: 2, onnotice: () => {} });
  return {
    url: url.toString(),
    created: true,
    sql,
    dispose: async () => {
      await sql.end({ timeout: 5 });
      // WITH (FORCE): a server that died without closing its pool must not keep the database alive.
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

/**
 * Inserts an enabled key for the seeded community, created by its admin, as the admin form would
 * store it (hash + hint only, a new key's permissions). Its rate limit is No limit unless given
 * (`--limit`: one it never reaches, so a round measures counting, not refusing). Done over SQL
 * rather than through db/queries: those modules are `server-only`, and with Postgres a second
 * writer process is safe (unlike PGlite).
 */
export async function createBenchKey(sql: postgres.Sql, label: string, rateLimit: KeyRateLimit = null): Promise<{ id: string; key: string }> {
  const generated = generateApiKey('bench');
  const name = `bench ${label} ${generated.hint}`;
  const rows = await sql<{ id: string }[]>`
    insert into api_keys (community_id, created_by_id, name, prefix, hash, hint, permissions, rate_limit)
    select c.id, u.id, ${name}, ${generated.prefix}, ${generated.hash}, ${generated.hint}, ${sql.json(NEW_KEY_PERMISSIONS)}, ${rateLimit ? sql.json(rateLimit) : null}
    from communities c join users u on u.community_id = c.id and u.role = 'admin'
    where c.slug = 'acme'
    order by u.created_at
    limit 1
    returning id`;
  if (rows.length === 0) throw new Error('no seeded community "acme" with an admin: did the server seed the database?');
  return { id: rows[0].id, key: generated.key };
}

/** Usage rows per key: all of them, and those recording a 200. */
export async function countUsageRows(sql: postgres.Sql, keyIds: string[]): Promise<Map<string, { rows: number; ok: number }>> {
  const found = await sql<{ id: string; rows: number; ok: number }[]>`
    select api_key_id as id, count(*)::int as rows, (count(*) filter (where status = 200))::int as ok
    from api_requests where api_key_id = any(${keyIds}::uuid[])
    group by api_key_id`;
  const counts = new Map(keyIds.map((id) => [id, { rows: 0, ok: 0 }]));
  for (const row of found) counts.set(row.id, { rows: row.rows, ok: row.ok });
  return counts;
}

/**
 * Waits until the server's usage recorder has committed the rows of one key: `expected` of them,
 * or none added for `quietMs` (longer than the recorder's 1 s flush interval; some requests sent
 * as autocannon stopped may never have reached the server). Returns the rows found.
 */
export async function waitForUsageRows(sql: postgres.Sql, keyId: string, expected: number, quietMs = 2_500, timeoutMs = 60_000): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  let rows = -1;
  let changedAt = performance.now();
  while (performance.now() < deadline) {
    const now = (await countUsageRows(sql, [keyId])).get(keyId)!.rows;
    if (now >= expected) return now;
    if (now !== rows) changedAt = performance.now();
    else if (performance.now() - changedAt >= quietMs) return now;
    rows = now;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return rows;
}
