import type { z } from 'zod';
import { refuseUnstorableText, zodFieldErrors } from './body';
import { ApiError } from './errors';

/**
 * Query parameters through the schema the document publishes for them: a 400 validation_failed
 * with a message per field, never a silent default for a bad value. Only the schema's own names
 * are read (a key in the URL is refused earlier, by the guard).
 */
export function parseQuery<S extends z.ZodObject>(schema: S, params: URLSearchParams): z.output<S> {
  const raw = Object.fromEntries(Object.keys(schema.shape).map((name) => [name, params.get(name) ?? undefined]));
  refuseUnstorableText(raw);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ApiError('validation_failed', undefined, zodFieldErrors(parsed.error));
  return parsed.data;
}
