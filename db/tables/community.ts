import { boolean, index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
// Pure leaf modules: the enums' values are defined once, beside the rules that use them.
import { DEFAULT_LEAKED_KEY_POLICY, LEAKED_KEY_POLICY_VALUES } from '../../lib/leaked-keys/policy';
import { USER_ROLES } from '../../lib/user-roles';
import { createdAt, id } from './columns';

/** Communities, their people and their sign-in sessions. */

// Every community-owned row names its community: queries scope by it next to the data.
export const communityId = () =>
  uuid('community_id')
    .notNull()
    .references(() => communities.id);

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
