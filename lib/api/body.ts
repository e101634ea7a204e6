import type { z } from 'zod';
import { unstorableText } from '@/lib/storable-text';
import { ApiError } from './errors';

export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The raw body, at most 1 MiB whatever Content-Length claims, so a lying client cannot exhaust
 * memory. Raw bytes for a signature check over exactly what was sent.
 */
export async function readBodyBytes(request: Request): Promise<Buffer> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) throw new ApiError('payload_too_large');
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw new ApiError('payload_too_large');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export function zodFieldErrors(error: z.ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const path = issue.path.length ? issue.path.join('.') : '(body)';
    (fields[path] ??= []).push(issue.message);
  }
  return fields;
}

/** A 400 validation_failed naming each field whose text Postgres cannot store (lib/storable-text.ts). */
export function refuseUnstorableText(input: unknown): void {
  const unstorable = unstorableText(input);
  if (unstorable) throw new ApiError('validation_failed', undefined, zodFieldErrors(unstorable));
}

/**
 * POST/PUT/PATCH bodies: JSON content type (415), valid JSON (400), ≤ 1 MiB (413), no text Postgres
 * cannot store (400, naming the field), then the schema (400).
 */
export async function readJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) throw new ApiError('unsupported_media_type');
  const text = (await readBodyBytes(request)).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ApiError('invalid_json');
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new ApiError('validation_failed', 'The body must be a JSON object.', { '(body)': ['Expected a JSON object'] });
  }
  refuseUnstorableText(json);
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ApiError('validation_failed', undefined, zodFieldErrors(parsed.error));
  return parsed.data;
}
