import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { getDb, type Tx } from '../index';
import { apiKeys } from '../schema';
import { notifyAllSecretsChanged } from './api-key-lookup';

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
