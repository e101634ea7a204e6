import 'server-only';
import { and, count, eq, gte, sql, type SQL } from 'drizzle-orm';
import { getDb, type Tx } from '../index';
import { apiRequests } from '../schema';
import { withRollups } from './usage-rollup-writes';

/** One usage row as the recorder hands it over (already normalised: no query string, sane lengths). */
export type UsageRow = {
  requestId: string;
  apiKeyId: string | null;
  communityId: string | null;
  at: Date;
  method: string;
  path: string;
  status: number;
  outcome: string;
  ip: string | null;
  userAgent: string | null;
  integrationName: string | null;
  latencyMs: number;
};

// The wire protocol counts bind parameters in 16 bits: one statement may carry at most 65 535.
// The api_keys update binds three parameters per key.
const KEYS_PER_UPDATE = Math.floor(65_535 / 3);

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The batch as one INSERT … SELECT FROM json_to_recordset($1): the rows travel as one JSON text
 * (JSON.stringify is native and fast) and Postgres unpacks them, instead of the driver escaping
 * twelve values a row or the query builder binding twelve parameters a row (the largest
 * guard-side entries of the CPU profile before; BENCHMARKS.md, issue 17). Field names are UsageRow's own.
 * It returns what the rollups need of the rows it inserted (usage-rollup-writes.ts).
 */
function insertRows(rows: UsageRow[]): SQL {
  return sql`
    insert into api_requests (request_id, api_key_id, community_id, at, method, path, status, outcome, ip, user_agent, integration_name, latency_ms)
    select "requestId", "apiKeyId", "communityId", "at", "method", "path", "status", "outcome", "ip", "userAgent", "integrationName", "latencyMs"
    from json_to_recordset(${JSON.stringify(rows)}::json) as row(
      "requestId" text, "apiKeyId" uuid, "communityId" uuid, "at" timestamptz, "method" text, "path" text,
      "status" int, "outcome" text, "ip" text, "userAgent" text, "integrationName" text, "latencyMs" int)
    on conflict (request_id) do nothing
    returning api_key_id, community_id, at, outcome, ip, user_agent, integration_name`;
}

/**
 * Each key's newest allowed row in the batch; on equal times the later row wins. Refused calls
 * (outcome other than 'ok') are in the request log, but are not a "use" of the key. Sorted by key
 * id, so concurrent writers update the keys they share in the same order (no deadlock).
 */
function latestUseByKey(rows: UsageRow[]): { id: string; at: Date; ip: string | null }[] {
  const latest = new Map<string, UsageRow>();
  for (const row of rows) {
    if (!row.apiKeyId || row.outcome !== 'ok') continue;
    const seen = latest.get(row.apiKeyId);
    if (!seen || row.at.getTime() >= seen.at.getTime()) latest.set(row.apiKeyId, row);
  }
  return [...latest.values()]
    .map((row) => ({ id: row.apiKeyId as string, at: row.at, ip: row.ip }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** One UPDATE … FROM (VALUES …) for all keys; never moves last_used_at backwards (batches may land out of order). */
function updateLastUsed(uses: { id: string; at: Date; ip: string | null }[]): SQL {
  const values = sql.join(
    uses.map((use) => sql`(${use.id}::uuid, ${use.at.toISOString()}::timestamptz, ${use.ip}::text)`),
    sql`, `,
  );
  return sql`
    update api_keys set last_used_at = used.at, last_used_ip = used.ip
    from (values ${values}) as used(id, at, ip)
    where api_keys.id = used.id and (api_keys.last_used_at is null or api_keys.last_used_at < used.at)`;
}

/**
 * Inserts a batch of usage rows, adds them to the hourly and caller rollups and moves the keys'
 * last use forward, inside the caller's transaction. Idempotent: a batch retried after a commit
 * whose acknowledgement was lost inserts and counts nothing twice (request_id is unique).
 */
export async function insertUsageBatch(tx: Tx, rows: UsageRow[]): Promise<void> {
  await tx.execute(withRollups(insertRows(rows)));
  for (const chunk of chunks(latestUseByKey(rows), KEYS_PER_UPDATE)) {
    await tx.execute(updateLastUsed(chunk));
  }
}

/** How many requests a key made (optionally since a time); for the usage UI and tests. */
export async function countRequestsByKey({ apiKeyId, since }: { apiKeyId: string; since?: Date }): Promise<number> {
  const [row] = await getDb()
    .select({ n: count() })
    .from(apiRequests)
    .where(and(eq(apiRequests.apiKeyId, apiKeyId), since ? gte(apiRequests.at, since) : undefined));
  return row?.n ?? 0;
}
