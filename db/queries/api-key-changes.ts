import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { getDb, type Tx } from '../index';
import { apiKeyPreviousSecrets, apiKeys } from '../schema';
import { notifyAllSecretsChanged } from './api-key-lookup';
import { isUniqueViolation } from './api-keys';
import { writeAudit } from './audit';

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
      .where(and(eq(apiKeys.id, id), eq(apiKeys.communityId, communityId), isNull(apiKeys.deletedAt)))
      .returning({
        id: apiKeys.id,
        communityId: apiKeys.communityId,
        name: apiKeys.name,
        hint: apiKeys.hint,
        status: apiKeys.status,
        disabledAt: apiKeys.disabledAt,
        deletedAt: apiKeys.deletedAt,
        updatedAt: apiKeys.updatedAt,
      });
    if (!updated) return null;
    await notifyAllSecretsChanged(tx, { apiKeyId: updated.id });
    await audit?.(tx, updated);
    return updated;
  });
}

export type KeySettings = {
  name: string;
  description: string;
  ipLimits: string[];
  notifyOnUse: boolean;
  notifyUserId: string | null;
  expiresAt: Date | null;
};

export type EditOutcome =
  | { status: 'not_found' }
  | { status: 'stale'; updatedAt: Date }
  | { status: 'duplicate_name' }
  | { status: 'updated'; changes: Record<string, { from: unknown; to: unknown }>; updatedAt: Date };

/**
 * Turning notifications on opens a digest window now; turning them off drops it. Otherwise the
 * window is left alone: the digest job owns it (rewriting it here could reopen a closed one).
 */
function digestWindowChange(wasOn: boolean, on: boolean) {
  if (wasOn === on) return {};
  return { notifyDigestFrom: on ? sql`now()` : null };
}

const comparable = (value: unknown) => (value instanceof Date ? value.toISOString() : JSON.stringify(value));

/**
 * Saves new settings if nobody saved since `version` was loaded (optimistic check: a stale form
 * is refused, never silently overwritten). Audit entry and cache invalidation commit with it.
 */
export async function editApiKeySettings(opts: {
  id: string;
  communityId: string;
  version: Date;
  settings: KeySettings;
  actorId: string;
  ip: string | null;
}): Promise<EditOutcome> {
  try {
    return await getDb().transaction(async (tx): Promise<EditOutcome> => {
      const [current] = await tx
        .select()
        .from(apiKeys)
        .where(and(eq(apiKeys.id, opts.id), eq(apiKeys.communityId, opts.communityId), isNull(apiKeys.deletedAt)))
        .for('update');
      if (!current) return { status: 'not_found' };
      if (current.updatedAt.getTime() !== opts.version.getTime()) return { status: 'stale', updatedAt: current.updatedAt };

      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const field of ['name', 'description', 'ipLimits', 'notifyOnUse', 'expiresAt'] as const) {
        if (comparable(current[field]) !== comparable(opts.settings[field])) changes[field] = { from: current[field], to: opts.settings[field] };
      }
      if (Object.keys(changes).length === 0) return { status: 'updated', changes, updatedAt: current.updatedAt };
      const [saved] = await tx
        .update(apiKeys)
        .set({ ...opts.settings, ...digestWindowChange(current.notifyOnUse, opts.settings.notifyOnUse), updatedAt: sql`now()` })
        .where(eq(apiKeys.id, current.id))
        .returning({ updatedAt: apiKeys.updatedAt });
      await notifyAllSecretsChanged(tx, { apiKeyId: current.id });
      await writeAudit(tx, { communityId: opts.communityId, actorId: opts.actorId, action: 'api_key.edited', apiKeyId: current.id, ip: opts.ip, details: { changes } });
      return { status: 'updated', changes, updatedAt: saved.updatedAt };
    });
  } catch (error) {
    if (isUniqueViolation(error, 'api_keys_community_name_unique')) return { status: 'duplicate_name' };
    throw error;
  }
}

/**
 * Gives the key a new secret. The old one moves to api_key_previous_secrets and keeps working
 * until `graceEnd(key expiry)`; every instance forgets both at commit.
 */
export async function rotateApiKeySecret(opts: {
  id: string;
  communityId: string;
  secret: { hash: string; hint: string };
  graceEnd: (keyExpiresAt: Date | null) => Date;
  actorId: string;
  ip: string | null;
  /** Runs in the rotation's transaction (the security notice). */
  inTransaction?: (tx: Tx, change: { previousHint: string; graceUntil: Date }) => Promise<void>;
}): Promise<{ name: string; graceUntil: Date } | null> {
  return getDb().transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.id, opts.id), eq(apiKeys.communityId, opts.communityId), isNull(apiKeys.deletedAt)))
      .for('update');
    if (!current) return null;
    const graceUntil = opts.graceEnd(current.expiresAt);
    await tx.insert(apiKeyPreviousSecrets).values({ apiKeyId: current.id, hash: current.hash, hint: current.hint, expiresAt: graceUntil });
    await tx.update(apiKeys).set({ hash: opts.secret.hash, hint: opts.secret.hint, updatedAt: sql`now()` }).where(eq(apiKeys.id, current.id));
    await notifyAllSecretsChanged(tx, { apiKeyId: current.id });
    await writeAudit(tx, {
      communityId: opts.communityId,
      actorId: opts.actorId,
      action: 'api_key.rotated',
      apiKeyId: current.id,
      ip: opts.ip,
      details: { previousHint: current.hint, newHint: opts.secret.hint, graceUntil: graceUntil.toISOString() },
    });
    await opts.inTransaction?.(tx, { previousHint: current.hint, graceUntil });
    return { name: current.name, graceUntil };
  });
}
