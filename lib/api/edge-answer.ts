import { STATUS_CODES } from 'node:http';
import { API_ERRORS } from './errors';

/**
 * The methods Next routes to a page or a route handler. With any other (TRACE, PROPFIND, …) a
 * request reaches none of our code, and Next answers a text 500 or an empty 400; CONNECT never
 * reaches Next at all. server.ts answers those itself, with edgeAnswer().
 */
const ROUTED_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export const isRoutedMethod = (method: string | undefined): boolean => ROUTED_METHODS.has(method ?? '');

type EdgeAnswer = { status: number; headers: Record<string, string>; body: string };

/** An answer server.ts gives without Next, in the API's error shape (SPEC §4). */
export function edgeAnswer(code: 'method_not_allowed' | 'internal_error', requestId: string): EdgeAnswer {
  const body = JSON.stringify({ error: { code, message: API_ERRORS[code].message, requestId } });
  return {
    status: API_ERRORS[code].status,
    headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'cache-control': 'no-store' },
    body,
  };
}

/** The same answer as raw HTTP/1.1 for a socket (Node hands CONNECT over as one, not as a response); the connection closes after it. */
export function rawHttpAnswer({ status, headers, body }: EdgeAnswer, requestId: string): string {
  const head = Object.entries({ ...headers, 'x-request-id': requestId, connection: 'close' }).map(([name, value]) => `${name}: ${value}`);
  return [`HTTP/1.1 ${status} ${STATUS_CODES[status]}`, ...head, '', body].join('\r\n');
}
