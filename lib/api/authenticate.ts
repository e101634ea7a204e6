import { hashApiKey, parseApiKey } from '@/lib/api-keys';
import { findApiKeyByHash, type CachedApiKey } from '@/lib/api-keys/key-lookup';
import { keyState } from '@/lib/api-keys/key-state';
import { ApiError } from './errors';

const KEY_QUERY_PARAMS = ['apiKey', 'api_key', 'apikey', 'key', 'access_token', 'token'];

/** X-API-Key, else Authorization: Bearer; an empty header counts as absent. */
function keyFromHeaders(headers: Headers): string | null {
  const header = headers.get('x-api-key')?.trim();
  if (header) return header;
  const authorization = headers.get('authorization')?.trim();
  if (!authorization) return null;
  const match = /^Bearer(?:\s+(.*))?$/i.exec(authorization);
  return match ? match[1]?.trim() || null : authorization;
}

const ROTATED_OUT =
  'This secret was replaced when the key was rotated, and its grace period has ended. Use the new secret.';

export type Authentication = { ok: true; key: CachedApiKey } | { ok: false; error: ApiError; key: CachedApiKey | null };

const deny = (code: ConstructorParameters<typeof ApiError>[0], key: CachedApiKey | null = null): Authentication => ({
  ok: false,
  error: new ApiError(code),
  key,
});

/**
 * Who is calling, in the order of SPEC §4: key in the URL refused → key present → checksum
 * (no database for a malformed key) → lookup by hash (cached) → state → IP limit. A denied
 * known key is returned too, so its owner can see the refused calls.
 */
export async function authenticate(url: URL, headers: Headers, clientIp: string | null): Promise<Authentication> {
  if (KEY_QUERY_PARAMS.some((name) => url.searchParams.has(name))) return deny('key_in_url');
  const raw = keyFromHeaders(headers);
  if (raw === null || raw === '') return deny('missing_key');
  const parsed = parseApiKey(raw);
  if (!parsed.ok) return deny('invalid_key');

  const key = await findApiKeyByHash(hashApiKey(parsed.key));
  if (!key) return deny('invalid_key');
  const state = keyState(key);
  if (state === 'deleted') return deny('invalid_key', key);
  if (state === 'disabled') return deny('key_disabled', key);
  if (state === 'expired') {
    const rotatedOut = key.secretExpiresAt !== null && (key.expiresAt === null || key.secretExpiresAt < key.expiresAt);
    return rotatedOut ? { ok: false, error: new ApiError('key_expired', ROTATED_OUT), key } : deny('key_expired', key);
  }
  if (!key.ipAllowed(clientIp)) return deny('ip_not_allowed', key);
  return { ok: true, key };
}
