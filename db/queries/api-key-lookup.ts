import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { KeyPermissions } from '@/lib/api-keys/permissions';
import type { KeyRateLimit } from '@/lib/api-keys/rate-limit-policy';
import type { ApiKeyStatus } from '@/lib/key-status';
import { getDb, type Tx } from '../index';
import { apiKeyPreviousSecrets, apiKeys } from '../schema';

export type ApiKeyLookupRow = {
  id: string;
  communityId: string;
  name: string;
  prefix: string;
  hint: string;
  status: ApiKeyStatus;
  expiresAt: Date | null;
  /** Set when the presented secret was replaced by a rotation: it works until then. */
  secretExpiresAt: Date | null;
  ipLimits: string[];
  /** Travels with the cached key: checking a route's permission costs no database work. */
  permissions: KeyPermissions;
  /** Travels with the cached key too, so an edit reaches the guard through the same eviction. */
  rateLimit: KeyRateLimit;
  notifyOnUse: boolean;
  createdAt: Date;
};

const lookupFields = {
  id: apiKeys.id,
  communityId: apiKeys.communityId,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  hint: apiKeys.hint,
  status: apiKeys.status,
  expiresAt: apiKeys.expiresAt,
  ipLimits: apiKeys.ipLimits,
  permissions: apiKeys.permissions,
  rateLimit: apiKeys.rateLimit,
  notifyOnUse: apiKeys.notifyOnUse,
  createdAt: apiKeys.createdAt,
};

/**
 * What the API guard needs to judge a key, looked up by the hash of the presented key: the
 * current secret first, then a secret replaced by a rotation. Deleted keys are returned too
 * (status 'deleted'), so the guard can tell them apart from unknown ones.
 */
export async function findApiKeyRowByHash({ hash }: { hash: string }): Promise<ApiKeyLookupRow | null> {
  const db = getDb();
  const [current] = await db.select(lookupFields).from(apiKeys).where(eq(apiKeys.hash, hash)).limit(1);
  if (current) return { ...current, secretExpiresAt: null };
  const [previous] = await db
    .select({ ...lookupFields, secretExpiresAt: apiKeyPreviousSecrets.expiresAt })
    .from(apiKeyPreviousSecrets)
    .innerJoin(apiKeys, eq(apiKeys.id, apiKeyPreviousSecrets.apiKeyId))
    .where(eq(apiKeyPreviousSecrets.hash, hash))
    .limit(1);
  return previous ?? null;
}

/** Channel whose payload is the hash of a key that changed; every instance's key cache listens. */
export const API_KEY_CHANGED_CHANNEL = 'api_key_changed';

/**
 * Tells every instance to forget its cached copy of the key. Call it inside the transaction that
 * changes the key (status, IP limits, permissions, expiry, rotation, deletion): Postgres delivers it only on
 * commit, so no instance reloads the old row, and a rolled-back change notifies nobody.
 */
export async function notifyApiKeyChanged(tx: Tx, { hash }: { hash: string }) {
  await tx.execute(sql`select pg_notify(${API_KEY_CHANGED_CHANNEL}, ${hash})`);
}

/** The same, for every secret of the key: its current one and any replaced one (rotation). */
export async function notifyAllSecretsChanged(tx: Tx, { apiKeyId }: { apiKeyId: string }) {
  await tx.execute(sql`
    select pg_notify(${API_KEY_CHANGED_CHANNEL}, hash)
    from (select hash from ${apiKeys} where id = ${apiKeyId}
          union all
          select hash from ${apiKeyPreviousSecrets} where api_key_id = ${apiKeyId}) secrets`);
}
