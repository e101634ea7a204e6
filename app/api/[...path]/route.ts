import { ApiError } from '@/lib/api/errors';
import { requestIdFrom } from '@/lib/request-stamp';

/**
 * Every /api path no route answers gets a JSON 404 here, so no page ever renders under /api. That
 * keeps proxy.ts's matcher, which skips /api, airtight: Next runs a server action wherever a page
 * renders, the not-found page included, so an action posted to an unknown /api path would
 * otherwise run without the proxy's Origin check.
 */
function notFound(request: Request): Response {
  return new ApiError('not_found', 'There is no such endpoint.').toResponse(requestIdFrom(request.headers));
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
