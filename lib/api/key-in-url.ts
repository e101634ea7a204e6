import { containsApiKey } from '@/lib/api-keys/keys-in-text';

/** Query names that say "this is a key", whatever the value; compared in lower case (`?API_KEY=`, `?X-Api-Key=`). */
export const KEY_QUERY_NAMES: ReadonlySet<string> = new Set([
  'apikey',
  'api_key',
  'api-key',
  'x-api-key',
  'x_api_key',
  'key',
  'access_token',
  'access-token',
  'token',
  'authorization',
]);

/**
 * Whether a call put a key in its URL (SPEC §4, 400 `key_in_url`): a query name of KEY_QUERY_NAMES,
 * or a string that parses as one of our keys anywhere in the path or the query (`/me/<key>`,
 * `;key=<key>`, `?q=<key>`). A normal URL costs a length check or one regex test.
 */
export function urlCarriesKey(url: URL): boolean {
  const search = url.search;
  if (search !== '') {
    for (const name of url.searchParams.keys()) if (KEY_QUERY_NAMES.has(name.toLowerCase())) return true;
    if (containsApiKey(search)) return true;
  }
  return containsApiKey(url.pathname);
}
