import 'server-only';
import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { KeyPermissions } from '@/lib/api-keys/permissions';
import type { KeyRateLimit } from '@/lib/api-keys/rate-limit-policy';
import { isUuid } from '@/lib/is-uuid';
import { getDb, type Tx } from '../index';
import { apiKeyPreviousSecrets, apiKeys, users } from '../schema';
import { ipRefusedLast24Hours, requestsLast7Days } from './usage-rollups';

export type NewApiKey = {
  communityId: string;
  name: string;
  description: string;
  prefix: string;
  hash: string;
  hint: string;
  ipLimits: string[];
  notifyOnUse: boolean;
  permissions: KeyPermissions;
  /** Required: No limit (null) is a choice the caller makes, never a default. */
  rateLimit: KeyRateLimit;
  expiresAt: Date | null;
  createdById: string;
};

const notDeleted = isNull(apiKeys.deletedAt);

export async function apiKeyNameTaken({ communityId, name }: { communityId: string; name: string }) {
  const [row] = await getDb()
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(and(eq(apiKeys.communityId, communityId), notDeleted, sql`lower(${apiKeys.name}) = lower(${name})`))
    .limit(1);
  return Boolean(row);
}

/** Names are unique per community among keys that are not deleted: the index that settles races. */
export const API_KEY_NAME_UNIQUE = 'api_keys_community_name_unique';

/** Inserts the key; whoever creates it with notifications on receives them, from now. */
export async function insertApiKey(tx: Tx, key: NewApiKey) {
  const [created] = await tx
    .insert(apiKeys)
    .values({ ...key, notifyUserId: key.notifyOnUse ? key.createdById : null, notifyDigestFrom: key.notifyOnUse ? sql`now()` : null })
    .returning({ id: apiKeys.id, name: apiKeys.name, hint: apiKeys.hint, createdAt: apiKeys.createdAt });
  return created;
}

/** Who created a key: the users table under its own name, beside the others a key query joins. */
export const creator = alias(users, 'creator');

/** What every admin view of a key shows of it: the list's row and the key page's details. */
export const keyOverview = {
  id: apiKeys.id,
  name: apiKeys.name,
  description: apiKeys.description,
  hint: apiKeys.hint,
  status: apiKeys.status,
  ipLimits: apiKeys.ipLimits,
  permissions: apiKeys.permissions,
  rateLimit: apiKeys.rateLimit,
  expiresAt: apiKeys.expiresAt,
  lastUsedAt: apiKeys.lastUsedAt,
  lastUsedIp: apiKeys.lastUsedIp,
  createdAt: apiKeys.createdAt,
  createdByName: creator.name,
};

/** When the last secret replaced by a rotation stops working, if one still works. */
const rotatingUntil = () =>
  sql<Date | null>`(select max(${apiKeyPreviousSecrets.expiresAt}) from ${apiKeyPreviousSecrets}
    where ${apiKeyPreviousSecrets.apiKeyId} = ${apiKeys.id} and ${apiKeyPreviousSecrets.expiresAt} > now())`.mapWith((v) => (v ? new Date(v) : null));

/**
 * Counts of the key in the row from the hourly rollup, evaluated only for the keys of a list page:
 * requests in the last 7 days, and refusals by its IP limits in the last 24 hours (the "IP
 * refusals" marker). A key never used has only refused calls (last_used_at moves on 'ok' alone),
 * so its 7-day count is the list's "N refused" at no further cost.
 */
const requests7d = requestsLast7Days(apiKeys.id);
const ipRefused24h = ipRefusedLast24Hours(apiKeys.id);

/**
 * What the API Keys list shows beside each key of its page, looked up for those keys only (never
 * per key of the community): when a rotation's old secret stops, and the counts above.
 * The page's ids are a join, so the expressions above read `api_keys.id` as they would in any list.
 */
export async function keyListExtras({ communityId, ids }: { communityId: string; ids: string[] }) {
  if (ids.length === 0) return new Map<string, { rotatingUntil: Date | null; requests7d: number; ipRefused24h: number }>();
  const page = sql`(values ${sql.join(
    ids.map((id) => sql`(${id}::uuid)`),
    sql`, `,
  )}) as page(id)`;
  const rows = await getDb()
    .select({ id: apiKeys.id, rotatingUntil: rotatingUntil(), requests7d, ipRefused24h })
    .from(apiKeys)
    .innerJoin(page, sql`page.id = ${apiKeys.id}`)
    .where(eq(apiKeys.communityId, communityId));
  return new Map(rows.map(({ id, ...extras }) => [id, extras]));
}

/** Whether the community has any key (deleted ones aside): the API Keys page's empty state or its list. One index probe. */
export async function hasApiKeys({ communityId }: { communityId: string }) {
  const [row] = await getDb()
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(and(eq(apiKeys.communityId, communityId), notDeleted))
    .limit(1);
  return Boolean(row);
}

/** Enhanced Integrations are shown while at least one key is valid: enabled and unexpired. */
export async function hasValidApiKey({ communityId }: { communityId: string }) {
  const [row] = await getDb()
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(
      and(
        eq(apiKeys.communityId, communityId),
        eq(apiKeys.status, 'enabled'),
        notDeleted,
        or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, sql`now()`)),
      ),
    )
    .limit(1);
  return Boolean(row);
}


const notifyUser = alias(users, 'notify_user');
const disabler = alias(users, 'disabler');

/**
 * Everything the key page shows, for a key of this community that is not deleted. An id from a
 * URL that is not a UUID is simply not found (not a database cast error).
 */
export async function findApiKeyForAdmin({ id, communityId }: { id: string; communityId: string }) {
  if (!isUuid(id)) return null;
  const [row] = await getDb()
    .select({
      ...keyOverview,
      prefix: apiKeys.prefix,
      notifyOnUse: apiKeys.notifyOnUse,
      notifyUserId: apiKeys.notifyUserId,
      notifyUserName: notifyUser.name,
      updatedAt: apiKeys.updatedAt,
      disabledAt: apiKeys.disabledAt,
      disabledByName: disabler.name,
      rotatingUntil: rotatingUntil(),
    })
    .from(apiKeys)
    .innerJoin(creator, eq(creator.id, apiKeys.createdById))
    .leftJoin(notifyUser, eq(notifyUser.id, apiKeys.notifyUserId))
    .leftJoin(disabler, eq(disabler.id, apiKeys.disabledById))
    .where(and(eq(apiKeys.id, id), eq(apiKeys.communityId, communityId), notDeleted));
  return row ?? null;
}

export type ApiKeyDetails = NonNullable<Awaited<ReturnType<typeof findApiKeyForAdmin>>>;
