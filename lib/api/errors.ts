/**
 * Where in a call an error can arise, which decides the operations that list it in the OpenAPI
 * document: `guard` on every call, `scope` where a permission is needed, `input` where the call has
 * query or body fields, `body` where it has a body, `endpoint` where the operation declares it,
 * `routing` for paths and methods that are no operation.
 */
export type ApiErrorSource = 'guard' | 'scope' | 'input' | 'body' | 'endpoint' | 'routing';

/** Every error the integration API answers, with its status: one table for code, docs and tests. */
/**
 * What a 503 tells a client to wait: the database reconnects within half a second of coming back
 * (db/connection-policy.ts), so a retry this much later normally succeeds.
 */
const RETRY_UNAVAILABLE_AFTER_SECONDS = '2';

export const API_ERRORS = {
  missing_key: { status: 401, from: 'guard', message: 'Send your API key in the X-API-Key header or as Authorization: Bearer <key>.' },
  invalid_key: { status: 401, from: 'guard', message: 'This API key is not valid. Check that it was copied completely.' },
  key_disabled: { status: 401, from: 'guard', message: 'This API key has been disabled by a community admin.' },
  key_expired: { status: 401, from: 'guard', message: 'This API key has expired.' },
  key_in_url: {
    status: 400,
    from: 'guard',
    message: 'API keys must not be sent in a URL, where they end up in logs and browser history. Send it in the X-API-Key header, and rotate this key.',
  },
  ip_not_allowed: { status: 403, from: 'guard', message: 'This API key may not be used from your IP address.' },
  insufficient_scope: { status: 403, from: 'scope', message: 'This API key is not allowed to do this.' },
  not_found: { status: 404, from: 'endpoint', message: 'Nothing was found here.' },
  method_not_allowed: { status: 405, from: 'routing', message: 'This endpoint does not support this HTTP method.' },
  unsupported_media_type: { status: 415, from: 'body', message: 'Send the body as JSON with Content-Type: application/json.' },
  invalid_json: { status: 400, from: 'body', message: 'The body is not valid JSON.' },
  validation_failed: { status: 400, from: 'input', message: 'Some fields are not valid: see error.fields.' },
  payload_too_large: { status: 413, from: 'body', message: 'The body is larger than 1 MiB.' },
  rate_limited: { status: 429, from: 'guard', message: 'Too many requests: slow down and retry later.' },
  service_unavailable: { status: 503, from: 'guard', message: 'The service is temporarily unavailable. Retry in a few seconds.' },
  internal_error: { status: 500, from: 'guard', message: 'Something went wrong on our side.' },
} as const satisfies Record<string, { status: number; from: ApiErrorSource; message: string }>;

export type ApiErrorCode = keyof typeof API_ERRORS;

export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ApiErrorCode,
    message: string = API_ERRORS[code].message,
    readonly fields?: Record<string, string[]>,
    /** Headers the answer carries (Retry-After of a 429, the rate-limit headers). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.status = API_ERRORS[code].status;
  }

  toResponse(requestId: string): Response {
    const body = { error: { code: this.code, message: this.message, requestId, ...(this.fields ? { fields: this.fields } : {}) } };
    return Response.json(body, { status: this.status, headers: { ...(this.status === 503 ? { 'retry-after': RETRY_UNAVAILABLE_AFTER_SECONDS } : {}), ...this.headers } });
  }
}
