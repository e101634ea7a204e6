/**
 * The security headers a browser is given: the pages' Content-Security-Policy (a fresh script
 * nonce per response, set by proxy.ts), the policy for everything else, Permissions-Policy, and
 * when Strict-Transport-Security applies (server.ts). Pure: no request objects, no environment.
 */

/** 128 random bits, base64: what Next looks for in `'nonce-…'` and puts on its own scripts. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}

/**
 * A page's policy. Scripts run only with this response's nonce (Next puts it on its scripts) or
 * when loaded by such a script ('strict-dynamic': the API reference's Scalar bundle); 'self' is
 * for browsers without 'strict-dynamic'. Styles allow inline ones: React renders style attributes,
 * and sonner, Radix and Scalar add styles at run time; a nonce would switch 'unsafe-inline' off.
 * Images may come from any https origin because a community's logo URL may point anywhere.
 * React's development build evaluates code for its error overlays: 'unsafe-eval' in dev only.
 */
export function contentSecurityPolicy({ nonce, dev }: { nonce: string; dev: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Answers that are not pages (the API's JSON, files): nothing in them may load or run anything. */
export const NON_PAGE_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * Powerful browser features no page of this app uses, denied to it and to anything it embeds. Only
 * names Chromium knows: it logs an error for an unknown one on every page (e2e/security-headers.spec.ts).
 */
export const PERMISSIONS_POLICY = [
  'accelerometer',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'hid',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'serial',
  'usb',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

/** Two years, subdomains included: the value the HSTS preload list asks for. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=63072000; includeSubDomains';

/**
 * Whether the browser reached us over HTTPS: this server terminated TLS itself, or the request came
 * through a trusted proxy that says so. server.ts has already dropped X-Forwarded-Proto unless the
 * peer is a trusted proxy; its last entry is the one that proxy wrote (earlier ones could be the
 * client's). Plain http never gets HSTS (browsers would ignore it there anyway).
 */
export function cameOverHttps({ encrypted, forwardedProto }: { encrypted: boolean; forwardedProto: string | string[] | undefined }): boolean {
  if (encrypted) return true;
  if (forwardedProto === undefined) return false;
  const entries = [forwardedProto].flat().join(',').split(',');
  return entries[entries.length - 1].trim().toLowerCase() === 'https';
}
