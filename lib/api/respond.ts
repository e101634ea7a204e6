import type { z } from 'zod';

/**
 * A JSON answer in the shape of its response schema, the one the OpenAPI document publishes: the
 * compiler holds the handler to it (Dates are written as RFC 3339 strings). Not parsed again at
 * run time, which would cost every call; the API tests validate every answer against the document.
 */
export function respond<S extends z.ZodType>(schema: S, body: z.input<S>, init?: ResponseInit): Response {
  return Response.json(body, init);
}
