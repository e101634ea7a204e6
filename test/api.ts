import { NextRequest } from 'next/server';
import { markStampedByServer } from '@/lib/request-stamp';

type Route = (request: NextRequest, context: { params: Promise<never> }) => Promise<Response>;

/** Calls a route handler the way Next does behind server.ts (which decides the client IP). */
export async function callRoute(
  route: unknown,
  opts: { path: string; method?: string; key?: string; ip?: string; headers?: Record<string, string>; body?: BodyInit; params?: Record<string, string> },
) {
  markStampedByServer();
  const headers = new Headers(opts.headers);
  if (opts.key !== undefined) headers.set('x-api-key', opts.key);
  headers.set('x-forwarded-for', opts.ip ?? '127.0.0.1');
  headers.set('x-request-id', crypto.randomUUID());
  const request = new NextRequest(`http://localhost${opts.path}`, { method: opts.method ?? 'GET', headers, body: opts.body });
  const response = await (route as Route)(request, { params: Promise.resolve((opts.params ?? {}) as never) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : null };
}

export { createTestKey, setTestKeyStatus } from '@/lib/api-keys/__fixtures__/test-keys';
