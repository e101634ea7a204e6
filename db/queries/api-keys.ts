import 'server-only';
import { and, desc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb } from '../index';
import type { Tx } from '../index';
import { apiKeys, users } from '../schema';
import { writeAudit } from './audit';

export type NewApiKey = {
  communityId: string;
  name: string;
  description: string;
  prefix: string;
  hash: string;
  hint: string;
  ipLimits: string[];
  notifyOnUse: boolean;
  createdById: string;
};

export class DuplicateApiKeyNameError extends Error {
  constructor(readonly keyName: string) {
    super(`An API key named "${keyName}" already exists`);
  }
}

const notDeleted = isNull(apiKeys.deletedAt);

export async function apiKeyNameTaken({ communityId, name }: { communityId: string; name: string }) {
  const [row] = await getDb()
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(and(eq(apiKeys.communityId, communityId), notDeleted, sql`lower(${apiKeys.name}) = lower(${name})`))
    .limit(1);
  return Boolean(row);
}

/** Inserts the key and its audit entry in one transaction. The unique index settles races on the name. */
export async function createApiKey({ key, ip }: { key: NewApiKey; ip: string | null }) {
  try {
    return await getDb().transaction(async (tx) => {
      const [created] = await tx
        .insert(apiKeys)
        .values({ ...key, notifyUserId: key.notifyOnUse ? key.createdById : null })
        .returning({ id: apiKeys.id, name: apiKeys.name, hint: apiKeys.hint, createdAt: apiKeys.createdAt });
      await writeAudit(tx, {
        communityId: key.communityId,
        actorId: key.createdById,
        action: 'api_key.created',
        apiKeyId: created.id,
        ip,
        details: { name: key.name, hint: key.hint, prefix: key.prefix, ipLimits: key.ipLimits, notifyOnUse: key.notifyOnUse },
      });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'api_keys_community_name_unique')) throw new DuplicateApiKeyNameError(key.name);
    throw error;
  }
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const cause = (error as { cause?: unknown })?.cause ?? error;
  const pg = cause as { code?: string; constraint_name?: string; constraint?: string; message?: string };
  return pg?.code === '23505' && [pg.constraint_name, pg.constraint, pg.message].some((v) => v?.includes(constraint));
}

const creator = alias(users, 'creator');

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
      expiresAt: apiKeys.expiresAt,
      lastUsedAt: apiKeys.lastUsedAt,
      lastUsedIp: apiKeys.lastUsedIp,
      createdAt: apiKeys.createdAt,
      createdByName: creator.name,
      requests7d: sql<number>`(select count(*)::int from api_requests r where r.api_key_id = ${apiKeys.id} and r.at > now() - interval '7 days')`,
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

/**
 * What the API guard needs to judge a key, looked up by the hash of the presented key. Deleted
 * keys are returned too (status 'deleted'), so the guard can tell them apart from unknown ones.
 */
export async function findApiKeyRowByHash({ hash }: { hash: string }): Promise<ApiKeyLookupRow | null> {
  const rows = await getDb()
    .select({
      id: apiKeys.id,
      communityId: apiKeys.communityId,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      hint: apiKeys.hint,
      status: apiKeys.status,
      expiresAt: apiKeys.expiresAt,
      ipLimits: apiKeys.ipLimits,
      notifyOnUse: apiKeys.notifyOnUse,
      createdAt: apiKeys.createdAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.hash, hash))
    .limit(1);
  return rows[0] ?? null;
}

export type ApiKeyLookupRow = {
  id: string;
  communityId: string;
  name: string;
  prefix: string;
  hint: string;
  status: ApiKeyStatus;
  expiresAt: Date | null;
  ipLimits: string[];
  notifyOnUse: boolean;
  createdAt: Date;
};

/** Channel whose payload is the hash of a key that changed; every instance's key cache listens. */
export const API_KEY_CHANGED_CHANNEL = 'api_key_changed';

/**
 * Tells every instance to forget its cached copy of the key. Call it inside the transaction that
 * changes the key (status, IP limits, expiry, rotation, deletion): Postgres delivers it only on
 * commit, so no instance reloads the old row, and a rolled-back change notifies nobody.
 */
export async function notifyApiKeyChanged(tx: Tx, { hash }: { hash: string }) {
  await tx.execute(sql`select pg_notify(${API_KEY_CHANGED_CHANNEL}, ${hash})`);
}

export type ApiKeyStatus = (typeof apiKeys.status.enumValues)[number];

// Who disabled or deleted a key, and when, is kept on the row; enabling clears the "disabled" pair.
function statusColumns(status: ApiKeyStatus, actorId: string) {
  const now = sql`now()`;
  if (status === 'enabled') return { status, disabledAt: null, disabledById: null, updatedAt: now };
  if (status === 'disabled') return { status, disabledAt: now, disabledById: actorId, updatedAt: now };
  return { status, deletedAt: now, deletedById: actorId, updatedAt: now };
}

export type ApiKeyStatusChange = {
  id: string;
  communityId: string;
  name: string;
  hint: string;
  status: ApiKeyStatus;
  disabledAt: Date | null;
  deletedAt: Date | null;
  updatedAt: Date;
};

/**
 * Enables, disables or deletes a key of the community and invalidates every instance's cache in
 * the same transaction. Deleting is irreversible, so a deleted key counts as not found (null).
 * `audit` runs inside that transaction too, so the log entry commits (or not) with the change.
 */
export async function setApiKeyStatus({
  id,
  communityId,
  status,
  actorId,
  audit,
}: {
  id: string;
  communityId: string;
  status: ApiKeyStatus;
  actorId: string;
  audit?: (tx: Tx, key: ApiKeyStatusChange) => Promise<void>;
}): Promise<ApiKeyStatusChange | null> {
  return getDb().transaction(async (tx) => {
    const [updated] = await tx
      .update(apiKeys)
      .set(statusColumns(status, actorId))
      .where(and(eq(apiKeys.id, id), eq(apiKeys.communityId, communityId), notDeleted))
      .returning({
        id: apiKeys.id,
        communityId: apiKeys.communityId,
        name: apiKeys.name,
        hint: apiKeys.hint,
        hash: apiKeys.hash,
        status: apiKeys.status,
        disabledAt: apiKeys.disabledAt,
        deletedAt: apiKeys.deletedAt,
        updatedAt: apiKeys.updatedAt,
      });
    if (!updated) return null;
    // The hash stays in the db layer: callers (UI, audit) have no use for it.
    const { hash, ...key } = updated;
    await notifyApiKeyChanged(tx, { hash });
    await audit?.(tx, key);
    return key;
  });
}
