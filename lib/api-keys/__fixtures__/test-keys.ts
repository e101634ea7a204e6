import { randomUUID } from 'node:crypto';
import { createApiKey } from '@/db/queries/api-keys';
import { generateApiKey } from '../generate';

/** Stores a fresh key for the lookup/invalidation tests and returns its hash with the row id. */
export async function createTestKey({
  communityId,
  createdById,
  ipLimits = [],
}: {
  communityId: string;
  createdById: string;
  ipLimits?: string[];
}) {
  const generated = generateApiKey('test');
  const created = await createApiKey({
    ip: null,
    key: {
      communityId,
      name: `key ${randomUUID()}`,
      description: '',
      prefix: generated.prefix,
      hash: generated.hash,
      hint: generated.hint,
      ipLimits,
      notifyOnUse: false,
      createdById,
    },
  });
  return { id: created.id, name: created.name, hash: generated.hash, hint: generated.hint };
}
