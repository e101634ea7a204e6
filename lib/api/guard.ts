import 'server-only';
import type { NextRequest } from 'next/server';
import type { CachedApiKey } from '@/lib/api-keys/key-lookup';
import { rateLimitPolicy } from '@/lib/api-keys/rate-limit-policy';
import { acceptedPermissionsHeader, describeGrant, isRequiredPermission, permits, requirementOf, type RequiredPermission } from '@/lib/api-keys/permissions';
import { clientIpFrom, requestIdFrom } from '@/lib/request-stamp';
import { isDatabaseUnavailable } from '@/db/errors';
import { log } from '@/lib/logger';
import { rateLimitHeaders } from '@/lib/rate-limit/headers';
import { rateLimiter } from '@/lib/rate-limit/limiter';
import { authenticate } from './authenticate';
import { ApiError } from './errors';
import { recordUsage, usageOnDisk } from './usage-recorder';

export type ApiContext = { key: CachedApiKey; requestId: string; clientIp: string | null; url: URL };
type RouteContext<P> = { params: Promise<P> };
type Handler<P> = (context: ApiContext, request: NextRequest, route: RouteContext<P>) => Promise<Response>;

/** What a route needs from the key, declared where it is guarded: `{ permission: 'feedback:write' }`, or `'none'`. */
export type RouteDeclaration = { permission: RequiredPermission };

/**
 * Marks a handler as guarded and carries its declaration; the route-coverage test refuses any
 * /api/v1 export without one.
 */
export const GUARDED = Symbol.for('integration-center.api-guard');

function toApiError(error: unknown, requestId: string): ApiError {
  if (error instanceof ApiError) return error;
  if (isDatabaseUnavailable(error)) {
    log.warn({ requestId, err: error }, 'database unavailable');
    return new ApiError('service_unavailable');
  }
  log.error({ requestId, err: error }, 'unhandled API error');
  return new ApiError('internal_error');
}

/** Permissions travel with the cached key: this check reads memory only. */
function checkPermission(key: CachedApiKey, permission: RequiredPermission): void {
  const required = requirementOf(permission);
  if (!required || permits(key.permissions, permission)) return;
  throw new ApiError('insufficient_scope', `This key needs ${describeGrant(required.resource, required.level)}. A community admin can grant it on the key's edit page.`);
}

/**
 * Counts the call against the key's rate limit (SPEC §8), if it has one: the headers every answer
 * of a limited key carries, or null for a key with No limit (no counter is touched). Throws the
 * 429 over the limit; its headers (Retry-After included) are returned through `answer` first.
 */
async function countCall(key: CachedApiKey, answer: { headers: Record<string, string> | null }): Promise<void> {
  if (!key.rateLimit) return;
  const decision = await rateLimiter().hit(`key:${key.id}`, rateLimitPolicy(key.rateLimit));
  answer.headers = rateLimitHeaders(decision, Date.now());
  if (!decision.allowed) throw new ApiError('rate_limited');
}

/**
 * The one guard for /api/v1: authenticates the key (state, IP limit), counts the call against its
 * rate limit, checks the route's declared permission, runs the handler, answers errors as JSON,
 * and records the request (allowed or denied) without waiting on the database.
 */
export function guarded<P = Record<string, never>>(declaration: RouteDeclaration, handler: Handler<P>) {
  // Types require a declaration; this catches a JavaScript caller or a cast at start-up, not at the first call.
  if (!isRequiredPermission(declaration?.permission)) throw new TypeError(`guarded(): unknown permission ${JSON.stringify(declaration?.permission)}`);
  const { permission } = declaration;
  const accepted = acceptedPermissionsHeader(permission);
  const route = async (request: NextRequest, routeContext: RouteContext<P>): Promise<Response> => {
    const started = performance.now();
    const requestId = requestIdFrom(request.headers);
    const clientIp = clientIpFrom(request.headers);
    const url = request.nextUrl;
    let key: CachedApiKey | null = null;
    let response: Response;
    let outcome = 'ok';
    const limit: { headers: Record<string, string> | null } = { headers: null };
    try {
      const auth = await authenticate(url, request.headers, clientIp);
      key = auth.key;
      if (!auth.ok) throw auth.error;
      await countCall(auth.key, limit);
      checkPermission(auth.key, permission);
      response = await handler({ key: auth.key, requestId, clientIp, url }, request, routeContext);
    } catch (error) {
      const apiError = toApiError(error, requestId);
      outcome = apiError.code;
      response = apiError.toResponse(requestId);
    }
    response.headers.set('x-request-id', requestId);
    response.headers.set('cache-control', 'no-store');
    for (const [name, value] of Object.entries(limit.headers ?? {})) response.headers.set(name, value);
    // On every answer, as GitHub does, so an integration can learn what an endpoint needs before it is refused.
    if (accepted) response.headers.set('x-accepted-permissions', accepted);
    recordUsage({
      requestId,
      apiKeyId: key?.id ?? null,
      communityId: key?.communityId ?? null,
      at: new Date(),
      method: request.method,
      path: url.pathname,
      status: response.status,
      outcome,
      ip: clientIp,
      userAgent: request.headers.get('user-agent'),
      integrationName: request.headers.get('x-integration-name'),
      latencyMs: Math.round(performance.now() - started),
    });
    // The answer leaves once its usage row is in the spool (one write for every request of this
    // turn): a crash from here on loses no row of an answered call.
    const onDisk = usageOnDisk();
    if (onDisk) await onDisk;
    return response;
  };
  return Object.assign(route, { [GUARDED]: declaration });
}

/**
 * The methods a route does not implement, still guarded and answered as JSON 405 (Next's own
 * 405 would be empty and unrecorded): `export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET'])`.
 * They declare no permission: a method that does not exist grants nothing, and its 405 reveals nothing.
 */
export function otherMethods(allowed: string[]) {
  const refuse = guarded({ permission: 'none' }, async () => {
    throw new ApiError('method_not_allowed', `This endpoint supports ${allowed.join(', ')}.`);
  });
  return { GET: refuse, POST: refuse, PUT: refuse, PATCH: refuse, DELETE: refuse };
}
