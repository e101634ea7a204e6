import { openApiJson } from '@/lib/api/openapi/document';

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
