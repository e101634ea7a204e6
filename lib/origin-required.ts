/**
 * A page route refuses a POST (a server action, or a form posted without JavaScript) that carries
 * no Origin header. Browsers send Origin with every request that is not GET or HEAD, so such a
 * request was made by a script outside any browser; Next itself checks Origin against Host only
 * when one is sent. Defence in depth behind Next's check and the SameSite session cookie.
 */
const METHODS_WITHOUT_ORIGIN = new Set(['GET', 'HEAD', 'OPTIONS']);

export function lacksRequiredOrigin({ method, origin }: { method: string; origin: string | null }): boolean {
  return !METHODS_WITHOUT_ORIGIN.has(method.toUpperCase()) && (origin === null || origin.trim() === '');
}
