/**
 * Only same-site paths may be returned to after sign-in. Parsed as a URL, as browsers do (they
 * drop tabs and newlines, so `/\t/evil.example` would otherwise become `//evil.example`).
 */
export function safeReturnPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || /[\u0000-\u001f\\]/.test(value)) return fallback;
  const base = 'http://same-site.invalid';
  try {
    const url = new URL(value, base);
    return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : fallback;
  } catch {
    return fallback;
  }
}
