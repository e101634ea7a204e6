import 'server-only';
import { and, desc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { KeyPermissions } from '@/lib/api-keys/permissions';
import type { KeyRateLimit } from '@/lib/api-keys/rate-limit-policy';
import { isUuid } from '@/lib/is-uuid';
import { getDb, type Tx } from '../index';
import { apiKeyPreviousSecrets, apiKeys, users } from '../schema';
import { requestsLast7Days } from './usage-rollups';

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

const creator = alias(users, 'creator');

/** When the last secret replaced by a rotation stops working, if one still works. */
const rotatingUntil = () =>
  sql<Date | null>`(select max(${apiKeyPreviousSecrets.expiresAt}) from ${apiKeyPreviousSecrets}
    where ${apiKeyPreviousSecrets.apiKeyId} = ${apiKeys.id} and ${apiKeyPreviousSecrets.expiresAt} > now())`.mapWith((v) => (v ? new Date(v) : null));

/** The API Keys list: newest first, deleted keys left out. */
export async function listApiKeys({ communityId }: { communityId: string }) {
  return getDb()
    .select({
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
      rotatingUntil: rotatingUntil(),
      requests7d: requestsLast7Days(apiKeys.id),
    })
    .from(apiKeys)
    .innerJoin(creator, eq(creator.id, apiKeys.createdById))
    .where(and(eq(apiKeys.communityId, communityId), notDeleted))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

export type ApiKeyListItem = Awaited<ReturnType<typeof listApiKeys>>[number];

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
      id: apiKeys.id,
      name: apiKeys.name,
      description: apiKeys.description,
      prefix: apiKeys.prefix,
      hint: apiKeys.hint,
      status: apiKeys.status,
      ipLimits: apiKeys.ipLimits,
      notifyOnUse: apiKeys.notifyOnUse,
      notifyUserId: apiKeys.notifyUserId,
      notifyUserName: notifyUser.name,
      permissions: apiKeys.permissions,
      rateLimit: apiKeys.rateLimit,
      expiresAt: apiKeys.expiresAt,
      lastUsedAt: apiKeys.lastUsedAt,
      lastUsedIp: apiKeys.lastUsedIp,
      createdAt: apiKeys.createdAt,
      createdByName: creator.name,
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
