import { z } from 'zod';

// The headers the guard puts on answers (lib/api/guard.ts, lib/rate-limit/headers.ts), as reusable
// header components. Names as documented; HTTP compares them case-insensitively.
const digits = () => z.string().regex(/^\d+$/);

const requestId = z.string().min(1).meta({ header: { id: 'X-Request-Id' }, description: 'This call\'s id, also in every error body: quote it when asking for help.' });

/** On every answer of a key with a rate limit (SPEC §8); absent for No limit and for calls without a valid key. */
const rateLimit = {
  'RateLimit-Policy': z.string().optional().meta({ header: { id: 'RateLimit-Policy' }, description: 'The key\'s limit (IETF RateLimit header draft): `"key";q=<limit>;w=<window seconds>`.', example: '"key";q=1000;w=60' }),
  RateLimit: z.string().optional().meta({ header: { id: 'RateLimit' }, description: 'Where the key stands: `"key";r=<remaining>;t=<seconds until reset>`.', example: '"key";r=994;t=37' }),
  'X-RateLimit-Limit': digits().optional().meta({ header: { id: 'X-RateLimit-Limit' }, description: 'Calls allowed per window.', example: '1000' }),
  'X-RateLimit-Remaining': digits().optional().meta({ header: { id: 'X-RateLimit-Remaining' }, description: 'Calls left in this window.', example: '994' }),
  'X-RateLimit-Reset': digits().optional().meta({ header: { id: 'X-RateLimit-Reset' }, description: 'When the window resets (or, on a 429, when a call is allowed again), in Unix seconds.', example: '1796000000' }),
};

const retryAfter = digits().meta({ header: { id: 'Retry-After' }, description: 'Whole seconds to wait before retrying.', example: '12' });

const acceptedPermissions = z.string().meta({
  header: { id: 'X-Accepted-Permissions' },
  description: 'The permission this endpoint needs, as `<resource>=<read|write>` (as GitHub\'s X-Accepted-GitHub-Permissions).',
  example: 'feedback=write',
});

/** The headers of one answer: which are sure to be there depends on its status and the endpoint's permission. */
export function responseHeaders({ status, needsPermission }: { status: number; needsPermission: boolean }) {
  return z.object({
    'X-Request-Id': requestId,
    ...rateLimit,
    ...(status === 429 || status === 503 ? { 'Retry-After': retryAfter } : {}),
    ...(needsPermission ? { 'X-Accepted-Permissions': acceptedPermissions } : {}),
  });
}
