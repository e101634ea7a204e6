import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/index';
import { apiKeys } from '@/db/schema';
import type { SessionUser } from '@/db/queries/users';
import type { FormState } from '@/lib/form-state';
import { changeKeyStatus, deleteKey } from '../manage-api-key';
import { storeApiKey } from '../create-api-key';
import { generateApiKey } from '../generate';
import { everywhere, type KeyPermissions } from '../permissions';
import type { KeyRateLimit } from '../rate-limit-policy';

/**
 * Stores a fresh key as the admin form does (key and audit entry), and returns its plaintext too.
 * Tests that are not about permissions get a key that may call everything, and tests not about rate
 * limits one with No limit (so no test is slowed or refused by a limit it did not ask for); the others pass theirs.
 */
export async function createTestKey({
  communityId,
  createdById,
  name = `key ${randomUUID()}`,
  ipLimits = [],
  expiresAt = null,
  notifyOnUse = false,
  permissions = everywhere('write'),
  rateLimit = null,
}: {
  communityId: string;
  createdById: string;
  name?: string;
  ipLimits?: string[];
  expiresAt?: Date | null;
  notifyOnUse?: boolean;
  permissions?: KeyPermissions;
  rateLimit?: KeyRateLimit;
}) {
  const generated = generateApiKey('test');
  const created = await storeApiKey(
    { communityId, name, description: '', prefix: generated.prefix, hash: generated.hash, hint: generated.hint, ipLimits, notifyOnUse, permissions, rateLimit, expiresAt, createdById },
    { ip: null },
  );
  return { id: created.id, name: created.name, key: generated.key, hash: generated.hash, hint: generated.hint };
}

/** Enables, disables or deletes a key exactly as the key page does, as this admin. */
export function setTestKeyStatus(key: { id: string; name: string }, status: 'enabled' | 'disabled' | 'deleted', admin: SessionUser): Promise<FormState> {
  const context = { user: admin, ip: null };
  return status === 'deleted' ? deleteKey({ id: key.id, confirmName: key.name }, context) : changeKeyStatus(key.id, status, context);
}

/** The key's version (updated_at) as a page that loaded it now would send with a change. */
export async function versionOf(id: string): Promise<string> {
  const [row] = await getDb().select({ updatedAt: apiKeys.updatedAt }).from(apiKeys).where(eq(apiKeys.id, id));
  return row.updatedAt.toISOString();
}
