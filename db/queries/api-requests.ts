import 'server-only';
import { and, count, eq, gte, sql, type SQL } from 'drizzle-orm';
import { getDb, type Tx } from '../index';
import { apiRequests } from '../schema';

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

/** One array per column: a batch of any size is twelve bind parameters, not twelve per row. */
function columnArrays(rows: UsageRow[]) {
  const n = rows.length;
  const columns = {
    requestId: new Array<string>(n),
    apiKeyId: new Array<string | null>(n),
    communityId: new Array<string | null>(n),
    at: new Array<string>(n),
    method: new Array<string>(n),
    path: new Array<string>(n),
    status: new Array<number>(n),
    outcome: new Array<string>(n),
    ip: new Array<string | null>(n),
    userAgent: new Array<string | null>(n),
    integrationName: new Array<string | null>(n),
    latencyMs: new Array<number>(n),
  };
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    columns.requestId[i] = row.requestId;
    columns.apiKeyId[i] = row.apiKeyId;
    columns.communityId[i] = row.communityId;
    columns.at[i] = row.at.toISOString();
    columns.method[i] = row.method;
    columns.path[i] = row.path;
    columns.status[i] = row.status;
    columns.outcome[i] = row.outcome;
    columns.ip[i] = row.ip;
    columns.userAgent[i] = row.userAgent;
    columns.integrationName[i] = row.integrationName;
    columns.latencyMs[i] = row.latencyMs;
  }
  return columns;
}

/**
 * The batch as one INSERT … SELECT FROM unnest(column arrays): the drivers serialise twelve arrays
 * instead of the query builder walking twelve parameters per row (the guard's largest CPU cost per
 * request before; BENCHMARKS.md, issue 17).
 */
function insertRows(rows: UsageRow[]): SQL {
  const c = columnArrays(rows);
  // Every array goes as text[] (the one array type both drivers serialise, escaping included) and is cast in SQL.
  const p = (values: unknown[], type: string) => sql`${sql.param(values)}::text[]::${sql.raw(type)}[]`;
  return sql`
    insert into api_requests (request_id, api_key_id, community_id, at, method, path, status, outcome, ip, user_agent, integration_name, latency_ms)
    select * from unnest(
      ${p(c.requestId, 'text')}, ${p(c.apiKeyId, 'uuid')}, ${p(c.communityId, 'uuid')}, ${p(c.at, 'timestamptz')},
      ${p(c.method, 'text')}, ${p(c.path, 'text')}, ${p(c.status, 'int')}, ${p(c.outcome, 'text')},
      ${p(c.ip, 'text')}, ${p(c.userAgent, 'text')}, ${p(c.integrationName, 'text')}, ${p(c.latencyMs, 'int')})
    on conflict (request_id) do nothing`;
}

/**
 * Each key's newest allowed row in the batch; on equal times the later row wins. Refused calls
 * (outcome other than 'ok') are in the request log, but are not a "use" of the key.
 */
function latestUseByKey(rows: UsageRow[]): { id: string; at: Date; ip: string | null }[] {
  const latest = new Map<string, UsageRow>();
  for (const row of rows) {
    if (!row.apiKeyId || row.outcome !== 'ok') continue;
    const seen = latest.get(row.apiKeyId);
    if (!seen || row.at.getTime() >= seen.at.getTime()) latest.set(row.apiKeyId, row);
  }
  return [...latest.values()].map((row) => ({ id: row.apiKeyId as string, at: row.at, ip: row.ip }));
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
 * Inserts a batch of usage rows and moves the keys' last use forward, inside the caller's
 * transaction. Idempotent: a batch retried after a commit whose acknowledgement was lost inserts
 * nothing twice (request_id is unique).
 */
export async function insertUsageBatch(tx: Tx, rows: UsageRow[]): Promise<void> {
  await tx.execute(insertRows(rows));
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
