import { STATUS_CODES } from 'node:http';
import type { ZodOpenApiResponseObject } from 'zod-openapi';
import { API_ERRORS, type ApiErrorCode } from '@/lib/api/errors';
import { responseHeaders } from './response-headers';

const ref = (name: string) => `#/components/schemas/${name}`;

/**
 * The error answers of one operation, one per status: the shared Error schema with `code` narrowed
 * to the codes of that status, so an answer with a code the operation does not list fails validation.
 */
export function errorResponses(codes: ApiErrorCode[], needsPermission: boolean): Record<string, ZodOpenApiResponseObject> {
  const byStatus = new Map<number, ApiErrorCode[]>();
  for (const code of codes) byStatus.set(API_ERRORS[code].status, [...(byStatus.get(API_ERRORS[code].status) ?? []), code]);
  return Object.fromEntries(
    [...byStatus].map(([status, group]) => [
      String(status),
      {
        description: `${STATUS_CODES[status]}: ${group.map((code) => `\`${code}\``).join(', ')}.`,
        headers: responseHeaders({ status, needsPermission }),
        content: {
          'application/json': {
            schema: { $ref: ref('Error'), type: 'object', properties: { error: { $ref: ref('ErrorDetail'), type: 'object', properties: { code: { type: 'string', enum: group } } } } },
            examples: Object.fromEntries(
              group.map((code) => [code, { summary: API_ERRORS[code].message, value: { error: { code, message: API_ERRORS[code].message, requestId: 'req_7f3a9c2e' } } }]),
            ),
          },
        },
      },
    ]),
  );
}
