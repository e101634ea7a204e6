import 'server-only';
import { apiKeyNameTaken, createApiKey, DuplicateApiKeyNameError } from '@/db/queries/api-keys';
import { findCommunity } from '@/db/queries/communities';
import type { AdminContext } from '@/lib/admin-action';
import type { FormState } from '@/lib/form-state';
import { parseIpLimits } from '@/lib/ip-limits';
import type { ApiKeyFormValues } from '@/lib/validations/api-key';
import { expiryDate } from './expiry';
import { generateApiKey } from './generate';

export type CreatedApiKey = { id: string; name: string; key: string };

const nameTaken = (name: string): FormState<never> => ({
  errors: { name: [`An API key named “${name}” already exists. Choose another name.`] },
  message: 'Please fix the highlighted fields.',
});

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
    const created = await createApiKey({
      ip,
      key: {
        communityId: community.id,
        name: data.name,
        description: data.description.trim(),
        prefix: generated.prefix,
        hash: generated.hash,
        hint: generated.hint,
        ipLimits: ipLimits.entries,
        notifyOnUse: data.notifyOnUse,
        expiresAt: expiryDate(data.expiry, data.expiresOn, new Date()),
        createdById: user.id,
      },
    });
    return { ok: true, data: { id: created.id, name: created.name, key: generated.key } };
  } catch (error) {
    if (error instanceof DuplicateApiKeyNameError) return nameTaken(data.name);
    throw error;
  }
}
