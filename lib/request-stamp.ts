import { processState } from './process-state';

/**
 * The stamp server.ts (the process's edge) puts on every request: it decides the client IP from
 * the socket (and TRUSTED_PROXIES), overwrites X-Forwarded-For with it, and assigns a request id.
 * Without server.ts (someone ran `next start`) those headers could come from the client, so the
 * client IP is unknown rather than trusted, and the request id is made up here.
 */
export const CLIENT_IP_HEADER = 'x-forwarded-for';
export const REQUEST_ID_HEADER = 'x-request-id';

/** server.ts calls this before Next serves a request. */
export function markStampedByServer(): void {
  processState().stampedByServer = true;
}

export function clientIpFrom(headers: Headers): string | null {
  if (!processState().stampedByServer) return null;
  return headers.get(CLIENT_IP_HEADER);
}

export function requestIdFrom(headers: Headers): string {
  const stamped = processState().stampedByServer ? headers.get(REQUEST_ID_HEADER) : null;
  return stamped ?? crypto.randomUUID();
}
