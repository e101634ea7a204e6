import { bigint, bigserial, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { communities } from './community';
import { apiKeys } from './keys';

/** What keys were used for: the raw request log, its rollups, and the addresses seen per key. */

/** One row per guarded /api/v1 request, allowed or denied; written in batches by the usage recorder. */
export const apiRequests = pgTable(
  'api_requests',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    requestId: text('request_id').notNull(),
    apiKeyId: uuid('api_key_id').references(() => apiKeys.id),
    communityId: uuid('community_id').references(() => communities.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    status: integer('status').notNull(),
    outcome: text('outcome').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    integrationName: text('integration_name'),
    latencyMs: integer('latency_ms').notNull(),
  },
  (t) => [
    // The request log's keyset pages on (at, id), all outcomes or one outcome at a time.
    index('api_requests_key_at_id_idx').on(t.apiKeyId, t.at, t.id),
    index('api_requests_key_outcome_at_id_idx').on(t.apiKeyId, t.outcome, t.at, t.id),
    uniqueIndex('api_requests_request_id_unique').on(t.requestId),
  ],
);

/**
 * Requests per key per UTC hour and outcome, kept by the usage recorder in the same transaction as
 * the raw rows, so charts and counts read a few hundred rows instead of the raw log. An hour, not a
 * minute: the finest chart bucket is an hour, and a 30-day window is then at most 720 rows per outcome.
 */
export const apiUsageHourly = pgTable(
  'api_usage_hourly',
  {
    apiKeyId: uuid('api_key_id')
      .notNull()
      .references(() => apiKeys.id),
    communityId: uuid('community_id').notNull(),
    /** Start of the UTC hour. */
    hour: timestamp('hour', { withTimezone: true }).notNull(),
    outcome: text('outcome').notNull(),
    requests: bigint('requests', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.apiKeyId, t.hour, t.outcome] })],
);

/**
 * Every caller of a key, one row per (integration name, user agent, IP), kept by the usage
 * recorder beside the raw rows. '' stands for unknown so the primary key works with ON CONFLICT.
 */
export const apiUsageCallers = pgTable(
  'api_usage_callers',
  {
    apiKeyId: uuid('api_key_id')
      .notNull()
      .references(() => apiKeys.id),
    communityId: uuid('community_id').notNull(),
    integrationName: text('integration_name').notNull().default(''),
    userAgent: text('user_agent').notNull().default(''),
    ip: text('ip').notNull().default(''),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    /** The caller's newest allowed request; null while every request of it was refused. */
    lastAllowedAt: timestamp('last_allowed_at', { withTimezone: true }),
    requests: bigint('requests', { mode: 'number' }).notNull(),
    denied: bigint('denied', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.apiKeyId, t.integrationName, t.userAgent, t.ip] }),
    index('api_usage_callers_key_last_seen_idx').on(t.apiKeyId, t.lastSeenAt.desc()),
  ],
);

/** Every address that made an allowed call with a key: "use from an IP never seen on that key". */
export const apiKeySeenIps = pgTable(
  'api_key_seen_ips',
  {
    apiKeyId: uuid('api_key_id')
      .notNull()
      .references(() => apiKeys.id),
    ip: text('ip').notNull(),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.apiKeyId, t.ip] })],
);
