import { hashApiKey, parseApiKey } from '@/lib/api-keys';
import { cachedApiKey, findApiKeyByHash, type CachedApiKey } from '@/lib/api-keys/key-lookup';
import { keyState } from '@/lib/api-keys/key-state';
import { ApiError, type ApiErrorCode } from './errors';
import { urlCarriesKey } from './key-in-url';
import { refuseWithoutValidKey, throttledBeforeLookup } from './unauthenticated-limit';

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

const deny = (code: ApiErrorCode, key: CachedApiKey | null = null): Authentication => ({
  ok: false,
  error: new ApiError(code),
  key,
});

/** Refused without a valid key: such calls count against the address's limit first. */
const withoutKey = async (code: ApiErrorCode, clientIp: string | null, key: CachedApiKey | null = null): Promise<Authentication> => ({
  ok: false,
  error: await refuseWithoutValidKey(code, clientIp),
  key,
});

/**
 * Who is calling, in the order of SPEC §4: key in the URL refused → key present → checksum
 * (no database for a malformed key) → lookup by hash (cached) → state → IP limit. A denied
 * known key is returned too, so its owner can see the refused calls. Calls with no valid key
 * count against their address's limit (unauthenticated-limit.ts).
 */
export async function authenticate(url: URL, headers: Headers, clientIp: string | null): Promise<Authentication> {
  if (urlCarriesKey(url)) return withoutKey('key_in_url', clientIp);
  const raw = keyFromHeaders(headers);
  if (raw === null || raw === '') return withoutKey('missing_key', clientIp);
  const parsed = parseApiKey(raw);
  if (!parsed.ok) return withoutKey('invalid_key', clientIp);

  const hash = hashApiKey(parsed.key);
  // A warm key is read from memory without awaiting anything.
  let key = cachedApiKey(hash);
  if (key === undefined) {
    // An address over its limit may not make us look up a key we do not already hold.
    const throttled = await throttledBeforeLookup(clientIp);
    if (throttled) return { ok: false, error: throttled, key: null };
    key = await findApiKeyByHash(hash);
  }
  if (!key) return withoutKey('invalid_key', clientIp);
  const state = keyState(key);
  if (state === 'deleted') return withoutKey('invalid_key', clientIp, key);
  if (state === 'disabled') return deny('key_disabled', key);
  if (state === 'expired') {
    const rotatedOut = key.secretExpiresAt !== null && (key.expiresAt === null || key.secretExpiresAt < key.expiresAt);
    return rotatedOut ? { ok: false, error: new ApiError('key_expired', ROTATED_OUT), key } : deny('key_expired', key);
  }
  if (!key.ipAllowed(clientIp)) return deny('ip_not_allowed', key);
  return { ok: true, key };
}
