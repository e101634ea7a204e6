import 'server-only';
import { isUniqueViolation } from '@/db/errors';
import { getDb } from '@/db/index';
import { API_KEY_NAME_UNIQUE, apiKeyNameTaken, insertApiKey, type NewApiKey } from '@/db/queries/api-keys';
import { writeAudit } from '@/db/queries/audit';
import { findCommunity } from '@/db/queries/communities';
import type { AdminContext } from '@/lib/admin-action';
import type { FormState } from '@/lib/form-state';
import { parseIpLimits } from '@/lib/ip-limits';
import type { ApiKeyFormValues } from '@/lib/validations/api-key';
import { expiryDate } from './expiry';
import { generateApiKey } from './generate';
import { rateLimitFromForm } from './rate-limit-policy';

export type CreatedApiKey = { id: string; name: string; key: string };

const nameTaken = (name: string): FormState<never> => ({
  errors: { name: [`An API key named “${name}” already exists. Choose another name.`] },
  message: 'Please fix the highlighted fields.',
});

/** Stores a new key and its audit entry in one transaction (the form, and test fixtures). */
export async function storeApiKey(key: NewApiKey, { ip }: { ip: string | null }) {
  return getDb().transaction(async (tx) => {
    const created = await insertApiKey(tx, key);
    await writeAudit(tx, {
      communityId: key.communityId,
      actorId: key.createdById,
      action: 'api_key.created',
      apiKeyId: created.id,
      ip,
      details: {
        name: key.name,
        hint: key.hint,
        prefix: key.prefix,
        ipLimits: key.ipLimits,
        permissions: key.permissions,
        rateLimit: key.rateLimit,
        notifyOnUse: key.notifyOnUse,
        expiresAt: key.expiresAt?.toISOString() ?? null,
      },
    });
    return created;
  });
}

/**
 * Issues a key for the admin's own community. The plaintext is returned once, to be shown once;
 * only its SHA-256 hash and a hint are stored.
 */
export async function issueApiKey(data: ApiKeyFormValues, { user, ip }: AdminContext): Promise<FormState<CreatedApiKey>> {
  const ipLimits = parseIpLimits(data.ipLimits);
  if (!ipLimits.ok) return { errors: { ipLimits: ipLimits.errors } };
  if (await apiKeyNameTaken({ communityId: user.communityId, name: data.name })) return nameTaken(data.name);

  const community = await findCommunity({ id: user.communityId });
  if (!community) return { message: 'Your community no longer exists.' };
  const generated = generateApiKey(data.prefix || community.defaultKeyPrefix);
  try {
    const created = await storeApiKey(
      {
        communityId: community.id,
        name: data.name,
        description: data.description.trim(),
        prefix: generated.prefix,
        hash: generated.hash,
        hint: generated.hint,
        ipLimits: ipLimits.entries,
        notifyOnUse: data.notifyOnUse,
        permissions: data.permissions,
        rateLimit: rateLimitFromForm(data),
        expiresAt: expiryDate(data.expiry, data.expiresOn, new Date()),
        createdById: user.id,
      },
      { ip },
    );
    return { ok: true, data: { id: created.id, name: created.name, key: generated.key } };
  } catch (error) {
    // The unique index settles a race the check above lost.
    if (isUniqueViolation(error, API_KEY_NAME_UNIQUE)) return nameTaken(data.name);
    throw error;
  }
}
