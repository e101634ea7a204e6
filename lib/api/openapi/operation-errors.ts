import { API_ERRORS, type ApiErrorCode } from '@/lib/api/errors';
import type { ApiOperation } from './operations';

const CODES = Object.keys(API_ERRORS) as ApiErrorCode[];

/** Every error an operation can answer, in API_ERRORS order: the guard's, then those its permission, input and body bring. */
export function errorsOf(operation: ApiOperation): ApiErrorCode[] {
  const arises = {
    guard: true,
    scope: operation.permission !== 'none',
    input: Boolean(operation.params?.query || operation.body),
    body: Boolean(operation.body),
    endpoint: false,
    routing: false,
  };
  return CODES.filter((code) => arises[API_ERRORS[code].from] || operation.errors?.includes(code));
}
