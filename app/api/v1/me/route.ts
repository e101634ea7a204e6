import { guarded, otherMethods } from '@/lib/api/guard';
import { respond } from '@/lib/api/respond';
import { callingKeySchema } from '@/lib/api/schemas/api-key';

/** The calling key, as its integration sees it: any valid key may ask what it is and may do. */
export const GET = guarded({ permission: 'none' }, async ({ key }) =>
  respond(callingKeySchema, {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    hint: key.hint,
    ipLimits: key.ipLimits,
    permissions: key.permissions,
    createdAt: key.createdAt,
    expiresAt: key.expiresAt,
  }),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
