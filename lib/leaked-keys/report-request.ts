import { isDatabaseUnavailable } from '@/db/errors';
import { zodFieldErrors } from '@/lib/api/body';
import { ApiError } from '@/lib/api/errors';
import { log } from '@/lib/logger';
import { clientIpFrom, requestIdFrom } from '@/lib/request-stamp';
import type { z } from 'zod';
import { PublicKeysUnavailable } from './github-public-keys';

/**
 * What the two leak-report endpoints share: the request's facts, JSON parsing of a body already
 * read, and JSON answers in the API's error shape. They are outside /api/v1 (no API key), so they
 * do their own recording: a log line per report, with counts and hashes, never a token.
 */
export type ReportRequest = { requestId: string; clientIp: string | null; userAgent: string | null; startedAt: number };

export function reportRequestOf(request: Request): ReportRequest {
  return { requestId: requestIdFrom(request.headers), clientIp: clientIpFrom(request.headers), userAgent: request.headers.get('user-agent'), startedAt: performance.now() };
}

/** The body as JSON, checked by `schema`: 400 invalid_json or validation_failed otherwise. */
export function parseReportBody<S extends z.ZodType>(bytes: Buffer, schema: S): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new ApiError('invalid_json');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ApiError('validation_failed', undefined, zodFieldErrors(parsed.error));
  return parsed.data;
}

/** Every answer: the request id to quote, and never cached. */
export function finish(response: Response, { requestId }: ReportRequest): Response {
  response.headers.set('x-request-id', requestId);
  response.headers.set('cache-control', 'no-store');
  return response;
}

/** An error as JSON: a typed one as it is; GitHub's keys or the database out of reach, 503 (the sender retries). */
export function errorAnswer(error: unknown, request: ReportRequest): Response {
  if (error instanceof ApiError) return finish(error.toResponse(request.requestId), request);
  if (error instanceof PublicKeysUnavailable || isDatabaseUnavailable(error)) {
    log.warn({ requestId: request.requestId, err: error }, 'leak report: service unavailable');
    return finish(new ApiError('service_unavailable').toResponse(request.requestId), request);
  }
  log.error({ requestId: request.requestId, err: error }, 'leak report failed');
  return finish(new ApiError('internal_error').toResponse(request.requestId), request);
}

/** Other methods than POST: a JSON 405, as on the API. */
export function onlyPost(request: Request): Response {
  return errorAnswer(new ApiError('method_not_allowed', 'This endpoint supports POST.'), reportRequestOf(request));
}
