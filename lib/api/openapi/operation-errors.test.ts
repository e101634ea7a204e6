import { describe, expect, it } from 'vitest';
import { API_ERRORS, type ApiErrorCode } from '@/lib/api/errors';
import { errorsOf } from './operation-errors';
import { API_OPERATIONS } from './operations';

const errorsOfOperation = (operationId: string) => errorsOf(API_OPERATIONS.find((operation) => operation.operationId === operationId)!);
const GUARD = (Object.keys(API_ERRORS) as ApiErrorCode[]).filter((code) => API_ERRORS[code].from === 'guard');

describe('errorsOf', () => {
  it('lists the guard’s errors for every operation, and only those for one without permission or input', () => {
    expect(errorsOfOperation('getCallingKey')).toEqual(GUARD);
  });

  it('adds insufficient_scope where a permission is needed, validation_failed for input, the body errors for a body', () => {
    expect(errorsOfOperation('listProjects')).toEqual(expect.arrayContaining(['insufficient_scope', 'validation_failed']));
    expect(errorsOfOperation('listProjects')).not.toContain('unsupported_media_type');
    expect(errorsOfOperation('createFeedback')).toEqual(expect.arrayContaining(['unsupported_media_type', 'invalid_json', 'payload_too_large', 'not_found']));
  });

  it('adds an endpoint’s own errors only where it declares them', () => {
    expect(errorsOfOperation('getProject')).toContain('not_found');
    expect(errorsOfOperation('listMembers')).not.toContain('not_found');
  });

  it('leaves no code of API_ERRORS undocumented but the one for methods that are no operation', () => {
    const documented = new Set(API_OPERATIONS.flatMap(errorsOf));
    expect(Object.keys(API_ERRORS).filter((code) => !documented.has(code as ApiErrorCode))).toEqual(['method_not_allowed']);
  });
});
