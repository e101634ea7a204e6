import type { NextRequest } from 'next/server';
import { ApiError } from '@/lib/api/errors';
import { openApiJson } from '@/lib/api/openapi/document';
import { requestIdFrom } from '@/lib/request-stamp';

// Built from the process's configuration (APP_URL for the server and the curl examples), so never at build time.
export const dynamic = 'force-dynamic';

/**
 * The published API contract (SPEC §10): the one deliberately public route under /api/v1 — no key,
 * no database, the document built once per process. Any site's tools may read it (CORS).
 */
export function GET() {
  return new Response(openApiJson(), {
    headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' },
  });
}

/** The document is read-only: other methods get the API's JSON 405 (Next's own would be empty), asking no key, as nothing here is guarded. */
function refuse(request: NextRequest): Response {
  const requestId = requestIdFrom(request.headers);
  const response = new ApiError('method_not_allowed', 'This endpoint supports GET.').toResponse(requestId);
  response.headers.set('x-request-id', requestId);
  return response;
}

export { refuse as POST, refuse as PUT, refuse as PATCH, refuse as DELETE };
