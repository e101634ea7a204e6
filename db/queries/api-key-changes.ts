import 'server-only';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../index';
import type { KeyPermissions } from '@/lib/api-keys/permissions';
import type { KeyRateLimit } from '@/lib/api-keys/rate-limit-policy';
import type { ApiKeyStatus } from '@/lib/key-status';
import { apiKeyPreviousSecrets, apiKeys, type ApiKey } from '../schema';

/**
 * The writes that change a key, each taking the caller's transaction. lib/api-keys/ opens the
 * transaction and, beside these, writes the audit entry, queues the security notice and tells
 * every instance to forget the key (notifyAllSecretsChanged): one change, one commit.
 */

/**
 * The key of this community, not deleted, locked until the transaction ends; null when there is
 * none. FOR NO KEY UPDATE: the id never changes, so usage batches inserting rows that reference
 * the key (FOR KEY SHARE) are not made to wait, nor wait on it.
 */
export async function lockApiKey(tx: Tx, { id, communityId }: { id: string; communityId: string }): Promise<ApiKey | null> {
  const [row] = await tx
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.id, id), eq(apiKeys.communityId, communityId), isNull(apiKeys.deletedAt)))
    .for('no key update');
  return row ?? null;
}

// Who disabled or deleted a key, and when, is kept on the row; enabling clears the "disabled" pair.
// No actor: the change was made by a leak report, not by an admin.
function statusColumns(status: ApiKeyStatus, actorId: string | null) {
  const now = sql`now()`;
  if (status === 'enabled') return { status, disabledAt: null, disabledById: null, updatedAt: now };
  if (status === 'disabled') return { status, disabledAt: now, disabledById: actorId, updatedAt: now };
  return { status, deletedAt: now, deletedById: actorId, updatedAt: now };
}

/** Enables, disables or deletes (irreversibly) a key; returns when the change was made. */
export async function updateApiKeyStatus(tx: Tx, { id, status, actorId }: { id: string; status: ApiKeyStatus; actorId: string | null }): Promise<Date> {
  const [updated] = await tx.update(apiKeys).set(statusColumns(status, actorId)).where(eq(apiKeys.id, id)).returning({ updatedAt: apiKeys.updatedAt });
  return updated.updatedAt;
}

export type KeySettings = {
  name: string;
  description: string;
  ipLimits: string[];
  notifyOnUse: boolean;
  notifyUserId: string | null;
  permissions: KeyPermissions;
  rateLimit: KeyRateLimit;
  expiresAt: Date | null;
};

/**
 * Saves settings. Turning notifications on opens a digest window now; turning them off drops it.
 * Otherwise the window is left alone: the digest job owns it (rewriting it here could reopen a
 * closed one). Returns the new version (updated_at).
 */
export async function updateApiKeySettings(tx: Tx, { key, settings }: { key: ApiKey; settings: KeySettings }): Promise<Date> {
  const digestWindow = key.notifyOnUse === settings.notifyOnUse ? {} : { notifyDigestFrom: settings.notifyOnUse ? sql`now()` : null };
  const [saved] = await tx
    .update(apiKeys)
    .set({ ...settings, ...digestWindow, updatedAt: sql`now()` })
    .where(eq(apiKeys.id, key.id))
    .returning({ updatedAt: apiKeys.updatedAt });
  return saved.updatedAt;
}

/** Gives the key a new secret; the old one moves to api_key_previous_secrets and works until `graceUntil`. */
export async function replaceApiKeySecret(tx: Tx, { key, secret, graceUntil }: { key: ApiKey; secret: { hash: string; hint: string }; graceUntil: Date }): Promise<Date> {
  await tx.insert(apiKeyPreviousSecrets).values({ apiKeyId: key.id, hash: key.hash, hint: key.hint, expiresAt: graceUntil });
  const [saved] = await tx
    .update(apiKeys)
    .set({ hash: secret.hash, hint: secret.hint, updatedAt: sql`now()` })
    .where(eq(apiKeys.id, key.id))
    .returning({ updatedAt: apiKeys.updatedAt });
  return saved.updatedAt;
}

/**
 * The secret replaced by a rotation with this hash, if it still works, locked until the
 * transaction ends; null when it is not one of this key's or its grace period is over.
 */
export async function lockLivePreviousSecret(tx: Tx, { apiKeyId, hash }: { apiKeyId: string; hash: string }) {
  const [row] = await tx
    .select({ hash: apiKeyPreviousSecrets.hash, hint: apiKeyPreviousSecrets.hint, expiresAt: apiKeyPreviousSecrets.expiresAt })
    .from(apiKeyPreviousSecrets)
    .where(and(eq(apiKeyPreviousSecrets.apiKeyId, apiKeyId), eq(apiKeyPreviousSecrets.hash, hash), gt(apiKeyPreviousSecrets.expiresAt, sql`now()`)))
    .for('update');
  return row ?? null;
}

/** Ends a replaced secret's grace period now (it leaked); returns when. */
export async function endPreviousSecret(tx: Tx, { hash }: { hash: string }): Promise<Date> {
  const [ended] = await tx.update(apiKeyPreviousSecrets).set({ expiresAt: sql`now()` }).where(eq(apiKeyPreviousSecrets.hash, hash)).returning({ at: apiKeyPreviousSecrets.expiresAt });
  return ended.at;
}
