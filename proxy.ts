import { NextResponse, type NextRequest } from 'next/server';
import { lacksRequiredOrigin } from '@/lib/origin-required';
import { pathOf, REQUEST_PATH_HEADER } from '@/lib/request-path';
import { contentSecurityPolicy, createNonce } from '@/lib/security-headers';

/**
 * Runs before every page (never for /api: see the matcher). It refuses posts without an Origin
 * (lib/origin-required.ts) and gives each page its Content-Security-Policy with a fresh nonce:
 * set on the request, Next reads the nonce from it and puts it on its scripts; set on the
 * response, the browser enforces it. Every page is rendered per request, so every page gets one.
 * It also hands the page's path to layouts (lib/request-path.ts).
 */
export function proxy(request: NextRequest) {
  if (lacksRequiredOrigin({ method: request.method, origin: request.headers.get('origin') })) {
    return new NextResponse('This form was not sent from a page of this site (no Origin header).\n', {
      status: 403,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  const policy = contentSecurityPolicy({ nonce: createNonce(), dev: process.env.NODE_ENV === 'development' });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('content-security-policy', policy);
  requestHeaders.set(REQUEST_PATH_HEADER, pathOf(request.nextUrl));
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', policy);
  return response;
}

export const config = {
  // /api answers (the integration API's throughput) and build files never pass through here; next.config.ts
  // gives them their headers. No `missing` conditions: a header a client can add must not skip the Origin check.
  matcher: ['/((?!api/|_next/static/|_next/image).*)'],
};
