import { guarded, otherMethods } from '@/lib/api/guard';

/** The calling key, as its integration sees it. */
export const GET = guarded(async ({ key }) =>
  Response.json({
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    hint: key.hint,
    ipLimits: key.ipLimits,
    createdAt: key.createdAt,
    expiresAt: key.expiresAt,
  }),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
