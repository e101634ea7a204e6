import type postgres from 'postgres';
import { NEW_KEY_PERMISSIONS } from '../../lib/api-keys/permissions';

export type ScaleSize = { keys: number; rows: number; hotRows: number; auditRows: number; mails: number; days: number };

export const DEFAULT_SCALE: ScaleSize = { keys: 10_000, rows: 1_000_000, hotRows: 300_000, auditRows: 50_000, mails: 20_000, days: 30 };

/** What the measurements need to find again: the busiest key and the seeded community. */
export type Seeded = { hotKeyId: string; hotKeyName: string; communityId: string; seconds: number };

const OUTCOMES = `array['ok','ok','ok','ok','ok','ok','ok','ok','ok','ok','ok','ok','ok','ok','ok','ok','ok','ip_not_allowed','not_found','validation_failed','rate_limited']`;
const STATUS_OF = `case o when 'ok' then 200 when 'ip_not_allowed' then 403 when 'not_found' then 404 when 'validation_failed' then 422 else 429 end`;

/**
 * Fills the community the server seeded ("acme") at scale, set-based (generate_series), so 1 M
 * rows take seconds: keys with realistic spread (some disabled, some expiring, some never used),
 * usage over the last `days` days with one hot key holding `hotRows` of them, audit entries and
 * delivered mail. The rollups are then built from the raw rows exactly as the usage_rollups
 * migration's backfill does, and the tables analysed, as autovacuum would after such a load.
 */
export async function seedScale(sql: postgres.Sql, size: ScaleSize): Promise<Seeded> {
  const started = performance.now();
  const [owner] = await sql<{ communityId: string; adminId: string }[]>`
    select c.id as "communityId", u.id as "adminId" from communities c join users u on u.community_id = c.id and u.role = 'admin'
    where c.slug = 'acme' order by u.created_at limit 1`;
  if (!owner) throw new Error('no seeded community "acme": did the server start on this database?');
  const { communityId, adminId } = owner;

  await sql`
    insert into api_keys (community_id, created_by_id, name, description, prefix, hash, hint, permissions, status, created_at, updated_at, expires_at, disabled_at)
    select ${communityId}, ${adminId}, 'Integration ' || lpad(i::text, 5, '0'), 'Seeded for the scale benchmark', 'acme',
      encode(sha256(('scale-key-' || i)::bytea), 'hex'), 'acme_…' || lpad((i % 10000)::text, 4, '0'), ${sql.json(NEW_KEY_PERMISSIONS)},
      (case when i % 20 = 0 then 'disabled' else 'enabled' end)::api_key_status,
      now() - make_interval(days => i % 365), now() - make_interval(days => i % 365),
      case when i % 7 = 0 then now() + make_interval(days => i % 120 - 30) end,
      case when i % 20 = 0 then now() - interval '1 day' end
    from generate_series(1, ${size.keys}) as i`;
  const [hot] = await sql<{ id: string; name: string }[]>`
    select id, name from api_keys where community_id = ${communityId} and name = 'Integration 00001'`;

  // The hot key's rows first, then the rest spread over every key (the hot one included).
  const spanSeconds = size.days * 86_400;
  await sql.unsafe(`
    with keys as (select id, row_number() over (order by name) - 1 as n from api_keys where community_id = '${communityId}'),
    rows as (
      -- A quiet key has one caller of its own (address, agent and name follow the key); the hot one has 50.
      select i, case when i <= ${size.hotRows} then '${hot.id}'::uuid else keys.id end as key_id, (${OUTCOMES})[(1 + (i * 31) % 21)::int] as o,
        case when i <= ${size.hotRows} then i % 50 else keys.n % 250 end as caller
      from generate_series(1::bigint, ${size.rows}) as i join keys on keys.n = (i * 7919) % ${size.keys})
    insert into api_requests (request_id, api_key_id, community_id, at, method, path, status, outcome, ip, user_agent, integration_name, latency_ms)
    select 'scale-' || i, key_id, '${communityId}', now() - make_interval(secs => (i * 104729) % ${spanSeconds}),
      case when i % 5 = 0 then 'POST' else 'GET' end, case when i % 5 = 0 then '/api/v1/feedback' else '/api/v1/me' end,
      ${STATUS_OF}, o, '198.51.100.' || caller, 'integration-agent/' || (caller % 5), 'Integration app ' || (caller % 5), 1 + i % 40
    from rows`);
  await sql`
    update api_keys k set last_used_at = used.at, last_used_ip = used.ip
    from (select distinct on (api_key_id) api_key_id, at, ip from api_requests where outcome = 'ok' order by api_key_id, at desc) used
    where k.id = used.api_key_id`;

  await sql`
    insert into api_usage_hourly (api_key_id, community_id, hour, outcome, requests)
    select api_key_id, community_id, date_trunc('hour', at), outcome, count(*) from api_requests
    where api_key_id is not null group by 1, 2, 3, 4`;
  await sql`
    insert into api_usage_callers (api_key_id, community_id, integration_name, user_agent, ip, first_seen_at, last_seen_at, last_allowed_at, requests, denied)
    select api_key_id, community_id, coalesce(integration_name, ''), coalesce(user_agent, ''), coalesce(ip, ''), min(at), max(at),
      max(at) filter (where outcome = 'ok'), count(*), count(*) filter (where outcome <> 'ok')
    from api_requests where api_key_id is not null group by 1, 2, 3, 4, 5`;

  await sql`
    with keys as (select id, row_number() over (order by name) - 1 as n from api_keys where community_id = ${communityId})
    insert into audit_log (community_id, actor_id, action, api_key_id, ip, details, created_at)
    select ${communityId}, ${adminId}, (array['api_key.created','api_key.edited','api_key.disabled','api_key.enabled','api_key.rotated'])[1 + i % 5],
      keys.id, '203.0.113.' || (i % 200), '{}'::jsonb, now() - make_interval(secs => (i * 7907) % ${spanSeconds * 12})
    from generate_series(1::bigint, ${size.auditRows}) as i join keys on keys.n = i % ${size.keys}`;
  await sql`
    insert into mail_outbox (community_id, kind, dedupe_key, recipient_id, to_address, subject, text_body, html_body, status, delivery, attempts, created_at, sent_at)
    select ${communityId}, 'first_use', 'scale-mail-' || i, ${adminId}, 'admin@example.com', 'Your API key was used for the first time',
      'Seeded for the scale benchmark.', '<p>Seeded for the scale benchmark.</p>', 'sent', 'mailbox', 1,
      now() - make_interval(secs => (i * 613) % ${spanSeconds}), now() - make_interval(secs => (i * 613) % ${spanSeconds})
    from generate_series(1, ${size.mails}) as i`;
  await sql`analyze`;
  return { hotKeyId: hot.id, hotKeyName: hot.name, communityId, seconds: (performance.now() - started) / 1000 };
}

/** Disk the raw usage rows take, indexes and TOAST included, per million rows. */
export async function usageDisk(sql: postgres.Sql): Promise<{ rows: number; bytes: number; perMillion: number }> {
  const [row] = await sql<{ rows: number; bytes: number }[]>`
    select (select count(*) from api_requests)::int as rows, pg_total_relation_size('api_requests')::bigint as bytes`;
  const bytes = Number(row.bytes);
  return { rows: row.rows, bytes, perMillion: (bytes / row.rows) * 1_000_000 };
}
