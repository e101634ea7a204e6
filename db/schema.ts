import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
// Pure leaf modules: the enums' values are defined once, beside the rules that use them.
import { readPermissions, type KeyPermissions } from '../lib/api-keys/permissions';
import { readRateLimit, type KeyRateLimit } from '../lib/api-keys/rate-limit-policy';
import { FEEDBACK_KINDS } from '../lib/feedback-kinds';
import { API_KEY_STATUSES } from '../lib/key-status';
import { LEAK_REPORTER_VALUES, type LeakResult } from '../lib/leaked-keys/leak-report';
import { DEFAULT_LEAKED_KEY_POLICY, LEAKED_KEY_POLICY_VALUES } from '../lib/leaked-keys/policy';
import { USER_ROLES } from '../lib/user-roles';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const id = () => uuid('id').primaryKey().defaultRandom();
// Every community-owned row names its community: queries scope by it next to the data.
const communityId = () =>
  uuid('community_id')
    .notNull()
    .references(() => communities.id);

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

export const leakedKeyPolicy = pgEnum('leaked_key_policy', LEAKED_KEY_POLICY_VALUES);

export const communities = pgTable('communities', {
  id: id(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  logoUrl: text('logo_url').notNull().default('/community-logo.svg'),
  /** The community's plan includes Enhanced Integrations (REST API, usage); shown while a valid key exists. */
  enhancedIntegrations: boolean('enhanced_integrations').notNull().default(true),
  /** Used when an admin leaves Prefix empty on a new key. */
  defaultKeyPrefix: text('default_key_prefix').notNull().default('ic'),
  /** Integration center setting "When a key is reported leaked" (lib/leaked-keys/policy.ts). */
  leakedKeyPolicy: leakedKeyPolicy('leaked_key_policy').notNull().default(DEFAULT_LEAKED_KEY_POLICY),
  createdAt: createdAt(),
});

export const userRole = pgEnum('user_role', USER_ROLES);

export const users = pgTable('users', {
  id: id(),
  communityId: communityId(),
  /** Stored lower-cased: e-mail look-ups are case-insensitive. */
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  role: userRole('role').notNull().default('member'),
  createdAt: createdAt(),
});

/**
 * One row per signed-in browser (lib/session-store.ts): the session cookie names its row, and a
 * cookie whose row is gone (signed out, expired, idle, or the user's role or password changed:
 * a trigger in the `sessions` migration deletes their rows) signs no one in, whatever the cookie says.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    /** Written at most once a minute (lib/session-lifetime.ts): the idle timeout counts from it. */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    /** created_at + SESSION_MAX_AGE_HOURS: the session ends then, however active. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('sessions_user_id_idx').on(table.userId)],
);

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

export const mailStatus = pgEnum('mail_status', ['pending', 'sending', 'sent', 'failed']);
export const mailDelivery = pgEnum('mail_delivery', ['resend', 'mailbox']);

/**
 * Every e-mail is a row here first, written in the transaction that causes it; the outbox worker
 * delivers it (Resend, or the local mailbox without RESEND_API_KEY), retrying with backoff.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: id(),
    communityId: communityId(),
    apiKeyId: uuid('api_key_id').references(() => apiKeys.id),
    /** A MAIL_KINDS key (lib/email/mail-kinds.ts): first_use, key_disabled, key_permissions_widened, … */
    kind: text('kind').notNull(),
    /** The same event never queues two messages (e.g. two instances closing one digest window). */
    dedupeKey: text('dedupe_key').notNull().unique(),
    recipientId: uuid('recipient_id').references(() => users.id),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body').notNull(),
    status: mailStatus('status').notNull().default('pending'),
    delivery: mailDelivery('delivery'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** A worker's claim on a row being sent; past it, another worker may take the row over. */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    providerId: text('provider_id'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('mail_outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.status} in ('pending', 'sending')`),
    index('mail_outbox_community_created_idx').on(t.communityId, t.createdAt),
    // Retention prunes sent mail by age.
    index('mail_outbox_sent_idx').on(t.sentAt).where(sql`${t.status} = 'sent'`),
  ],
);

export const projects = pgTable('projects', {
  id: id(),
  communityId: communityId(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  createdAt: createdAt(),
});

export const feedbackKind = pgEnum('feedback_kind', FEEDBACK_KINDS);

export const feedback = pgTable(
  'feedback',
  {
    id: id(),
    communityId: communityId(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    title: text('title').notNull(),
    body: text('body').notNull(),
    kind: feedbackKind('kind').notNull(),
    /** Set when the feedback arrived through the API. */
    apiKeyId: uuid('api_key_id').references(() => apiKeys.id),
    createdAt: createdAt(),
  },
  (t) => [index('feedback_project_created_idx').on(t.projectId, t.createdAt)],
);

export type Community = typeof communities.$inferSelect;
export type User = typeof users.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
export type Role = (typeof userRole.enumValues)[number];
export type MailMessage = typeof mailOutbox.$inferSelect;
