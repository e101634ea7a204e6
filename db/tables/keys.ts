import { sql } from 'drizzle-orm';
import { boolean, customType, index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { readPermissions, type KeyPermissions } from '../../lib/api-keys/permissions';
import { readRateLimit, type KeyRateLimit } from '../../lib/api-keys/rate-limit-policy';
import { API_KEY_STATUSES } from '../../lib/key-status';
import { LEAK_REPORTER_VALUES, type LeakResult } from '../../lib/leaked-keys/leak-report';
import { createdAt, id } from './columns';
import { communityId, users } from './community';

/** API keys, the secrets a rotation replaced, leak reports, and the audit log of what admins did to keys. */

/** jsonb read through the permission table, so every reader gets all resources, none more than stored. */
const permissionsColumn = customType<{ data: KeyPermissions; driverData: unknown }>({
  dataType: () => 'jsonb',
  toDriver: (value) => JSON.stringify(value),
  fromDriver: (value) => readPermissions(typeof value === 'string' ? JSON.parse(value) : value),
});

/** jsonb `{limit, window}`, or SQL null for No limit: one value, so a limit never lacks its window. */
const rateLimitColumn = customType<{ data: KeyRateLimit; driverData: unknown }>({
  dataType: () => 'jsonb',
  toDriver: (value) => (value === null ? null : JSON.stringify(value)),
  fromDriver: (value) => readRateLimit(value),
});

export const apiKeyStatus = pgEnum('api_key_status', API_KEY_STATUSES);

export const apiKeys = pgTable(
  'api_keys',
  {
    id: id(),
    communityId: communityId(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    prefix: text('prefix').notNull(),
    /** SHA-256 hex of the whole key. The plaintext is never stored. */
    hash: text('hash').notNull().unique(),
    /** prefix…last4, safe to show anywhere. */
    hint: text('hint').notNull(),
    ipLimits: text('ip_limits').array().notNull().default(sql`'{}'::text[]`),
    notifyOnUse: boolean('notify_on_use').notNull().default(false),
    notifyUserId: uuid('notify_user_id').references(() => users.id),
    /** Start of the next usage digest's window; set when notifications are turned on, null while off. */
    notifyDigestFrom: timestamp('notify_digest_from', { withTimezone: true }),
    /** When the last "IP limit refused calls" notice was queued (at most one per key per interval). */
    ipRefusalNoticeAt: timestamp('ip_refusal_notice_at', { withTimezone: true }),
    /** When the last "new IP address" notice was queued (at most one per key per interval; the rest go in the digest). */
    newIpNoticeAt: timestamp('new_ip_notice_at', { withTimezone: true }),
    /** The expires_at the "key expires soon" reminder was queued for: one per expiry, and a changed expiry gets its own. */
    expiryNoticeFor: timestamp('expiry_notice_for', { withTimezone: true }),
    status: apiKeyStatus('status').notNull().default('enabled'),
    /** Per resource: none, read or write. No default: whoever inserts a key decides (lib/api-keys/permissions.ts). */
    permissions: permissionsColumn('permissions').notNull(),
    /** Requests per second, minute or hour; null is No limit, a deliberate choice (lib/api-keys/rate-limit-policy.ts). */
    rateLimit: rateLimitColumn('rate_limit'),
    createdById: uuid('created_by_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    lastUsedIp: text('last_used_ip'),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    disabledById: uuid('disabled_by_id').references(() => users.id),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    deletedById: uuid('deleted_by_id').references(() => users.id),
  },
  (t) => [
    // Names are unique per community among keys that are not deleted, ignoring case.
    uniqueIndex('api_keys_community_name_unique')
      .on(t.communityId, sql`lower(${t.name})`)
      .where(sql`${t.deletedAt} is null`),
    index('api_keys_community_created_idx').on(t.communityId, t.createdAt),
    // The paged list (50 a page): sorted by last use or by name, with id as the tie-breaker of its keyset.
    index('api_keys_community_last_used_idx').on(t.communityId, t.lastUsedAt, t.id),
    index('api_keys_community_name_idx').on(t.communityId, sql`lower(${t.name})`, t.id),
    // The expiry reminder job reads keys by how soon they expire; only keys that still work can.
    index('api_keys_expiring_idx').on(t.expiresAt).where(sql`${t.status} = 'enabled' and ${t.deletedAt} is null and ${t.expiresAt} is not null`),
  ],
);

/**
 * Secrets replaced by a rotation. Each keeps working until its expires_at (the grace period,
 * never past the key's own expiry), then answers key_expired.
 */
export const apiKeyPreviousSecrets = pgTable(
  'api_key_previous_secrets',
  {
    id: id(),
    apiKeyId: uuid('api_key_id')
      .notNull()
      .references(() => apiKeys.id),
    hash: text('hash').notNull().unique(),
    hint: text('hint').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('api_key_previous_secrets_key_idx').on(t.apiKeyId, t.expiresAt)],
);

export const leakReporter = pgEnum('leak_reporter', LEAK_REPORTER_VALUES);

/**
 * A secret reported leaked (GitHub secret scanning or a public revoke request), once per secret:
 * the unique hash is what makes a repeated or concurrent report change nothing and send nothing.
 * The key page shows a banner while the reported secret is still the key's current one.
 */
export const apiKeyLeakReports = pgTable(
  'api_key_leak_reports',
  {
    id: id(),
    communityId: communityId(),
    apiKeyId: uuid('api_key_id')
      .notNull()
      .references(() => apiKeys.id),
    /** SHA-256 hex of the reported secret (the key's current one, or one replaced by a rotation). */
    hash: text('hash').notNull().unique(),
    hint: text('hint').notNull(),
    reporter: leakReporter('reporter').notNull(),
    /** As the scanner sent them: where the secret was found. Null for a public revoke request. */
    tokenType: text('token_type'),
    url: text('url'),
    source: text('source'),
    /** The client IP of the request that reported it. */
    reporterIp: text('reporter_ip'),
    /** What the report did (lib/leaked-keys/leak-report.ts LEAK_RESULTS). */
    result: text('result').$type<LeakResult>().notNull(),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('api_key_leak_reports_key_idx').on(t.apiKeyId, t.reportedAt)],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    communityId: communityId(),
    actorId: uuid('actor_id').references(() => users.id),
    action: text('action').notNull(),
    apiKeyId: uuid('api_key_id').references(() => apiKeys.id),
    ip: text('ip'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('audit_log_community_created_idx').on(t.communityId, t.createdAt)],
);
