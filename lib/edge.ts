/**
 * The contract between server.ts (the process's edge) and the code behind it. server.ts decides
 * the client IP from the socket (and TRUSTED_PROXIES), overwrites X-Forwarded-For with it, and
 * marks the process; without that mark (someone ran `next start`), the header could be forged, so
 * the client IP is unknown rather than trusted.
 */
export const CLIENT_IP_HEADER = 'x-forwarded-for';
export const REQUEST_ID_HEADER = 'x-request-id';

const globalForEdge = globalThis as unknown as { __icEdgeDecidesClientIp?: boolean };

export function markEdgeDecidesClientIp(): void {
  globalForEdge.__icEdgeDecidesClientIp = true;
}

export function clientIpFrom(headers: Headers): string | null {
  if (!globalForEdge.__icEdgeDecidesClientIp) return null;
  return headers.get(CLIENT_IP_HEADER);
}

/** server.ts assigns every request an id; without it a client-sent id is not trusted either. */
export function requestIdFrom(headers: Headers): string {
  const fromEdge = globalForEdge.__icEdgeDecidesClientIp ? headers.get(REQUEST_ID_HEADER) : null;
  return fromEdge ?? crypto.randomUUID();
}
