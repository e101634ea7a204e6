import { inArray, sql, type SQL } from 'drizzle-orm';
import { ALLOWED_OUTCOMES } from '@/lib/api-keys/outcomes';

/**
 * The rollups' share of a usage batch: from the raw rows the INSERT actually wrote (`inserted`, a
 * CTE of `insert … returning`), adds to api_usage_hourly and api_usage_callers in the same
 * statement. Counting only what was inserted keeps a retried batch (same request ids, ON CONFLICT
 * DO NOTHING) from being counted twice.
 *
 * Only rows recorded under the key's own community count (`owned`: one primary-key look-up per
 * key in the batch): the key pages never showed any other row, and it makes each rollup group
 * exactly one primary key. Each upsert writes its rows in primary-key order, so two instances
 * adding to the same rows lock them in the same order and wait for each other instead of
 * deadlocking.
 */
export function withRollups(insertReturning: SQL): SQL {
  const allowed = inArray(sql`outcome`, ALLOWED_OUTCOMES);
  return sql`
    with inserted as (${insertReturning}),
    owned as (
      select api_key_id, community_id from (select distinct api_key_id, community_id from inserted) as pair
      where community_id = (select k.community_id from api_keys k where k.id = pair.api_key_id)),
    counted as (
      select api_key_id, community_id, at, outcome, ${allowed} as allowed, coalesce(integration_name, '') as integration_name,
        coalesce(user_agent, '') as user_agent, coalesce(ip, '') as ip
      from inserted join owned using (api_key_id, community_id)),
    hourly as (
      insert into api_usage_hourly as t (api_key_id, community_id, hour, outcome, requests)
      select api_key_id, community_id, date_trunc('hour', at, 'UTC'), outcome, count(*)
      from counted group by 1, 2, 3, 4 order by 1, 3, 4
      on conflict (api_key_id, hour, outcome) do update set requests = t.requests + excluded.requests)
    insert into api_usage_callers as t
      (api_key_id, community_id, integration_name, user_agent, ip, first_seen_at, last_seen_at, last_allowed_at, requests, denied)
    select api_key_id, community_id, integration_name, user_agent, ip,
      min(at), max(at), max(at) filter (where allowed), count(*), count(*) filter (where not allowed)
    from counted group by 1, 2, 3, 4, 5 order by 1, 3, 4, 5
    on conflict (api_key_id, integration_name, user_agent, ip) do update set
      first_seen_at = least(t.first_seen_at, excluded.first_seen_at),
      last_seen_at = greatest(t.last_seen_at, excluded.last_seen_at),
      last_allowed_at = greatest(t.last_allowed_at, excluded.last_allowed_at),
      requests = t.requests + excluded.requests,
      denied = t.denied + excluded.denied`;
}
