import { randomUUID } from 'node:crypto';
import { createApiKey } from '@/db/queries/api-keys';
import { generateApiKey } from '../generate';

/** Stores a fresh key through the db layer, as the admin form would, and returns its plaintext too. */
export async function createTestKey({
  communityId,
  createdById,
  name = `key ${randomUUID()}`,
  ipLimits = [],
  expiresAt = null,
  notifyOnUse = false,
}: {
  communityId: string;
  createdById: string;
  name?: string;
  ipLimits?: string[];
  expiresAt?: Date | null;
  notifyOnUse?: boolean;
}) {
  const generated = generateApiKey('test');
  const created = await createApiKey({
    ip: null,
    key: {
      communityId,
      name,
      description: '',
      prefix: generated.prefix,
      hash: generated.hash,
      hint: generated.hint,
      ipLimits,
      notifyOnUse,
      expiresAt,
      createdById,
    },
  });
  return { id: created.id, name: created.name, key: generated.key, hash: generated.hash, hint: generated.hint };
}
