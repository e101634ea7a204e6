import { headers } from 'next/headers';

/**
 * The page's path and query, set by proxy.ts on every page request (it overwrites whatever a
 * client sent). Layouts get no pathname from Next, and the admin layout's guard needs it to send
 * a signed-out visitor back to the page asked for.
 */
export const REQUEST_PATH_HEADER = 'x-request-path';

/** Next's own marker on client-side navigations: not part of the page's address. */
const INTERNAL_QUERY = '_rsc';

export function pathOf(url: URL): string {
  const search = new URLSearchParams(url.search);
  search.delete(INTERNAL_QUERY);
  const query = search.toString();
  return query ? `${url.pathname}?${query}` : url.pathname;
}

export async function requestPath(fallback: string): Promise<string> {
  return (await headers()).get(REQUEST_PATH_HEADER) ?? fallback;
}
