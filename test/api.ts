import { NextRequest } from 'next/server';
import { openApiDocument } from '@/lib/api/openapi/document';
import { markStampedByServer } from '@/lib/request-stamp';
import { assertMatchesContract, coveredByContract, createContractValidator } from './openapi-contract';

type Route = (request: NextRequest, context: { params: Promise<never> }) => Promise<Response>;

let contract: ReturnType<typeof createContractValidator> | undefined;

/**
 * Calls a route handler the way Next does behind server.ts (which decides the client IP), and fails
 * the test when an /api/v1 answer (status, headers, body) does not match the published OpenAPI document.
 */
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
  const json = text ? JSON.parse(text) : null;
  if (coveredByContract(request.nextUrl.pathname)) {
    contract ??= createContractValidator(openApiDocument() as unknown as Record<string, unknown>);
    assertMatchesContract(contract, { method: request.method, path: request.nextUrl.pathname, status: response.status, headers: response.headers, body: json });
  }
  return { status: response.status, headers: response.headers, json };
}

export { createTestKey, setTestKeyStatus } from '@/lib/api-keys/__fixtures__/test-keys';
