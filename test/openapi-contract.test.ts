import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '@/lib/api/openapi/document';
import { createContractValidator, type ReceivedAnswer } from './openapi-contract';

const problemsWith = createContractValidator(buildOpenApiDocument() as unknown as Record<string, unknown>);

const project = { id: '0b6f8a52-3c1e-4f7d-9a43-2f5d7c9e1b20', name: 'Website', description: '', createdAt: '2026-11-29T10:15:00.000Z' };
const headers = (extra: Record<string, string> = {}) =>
  new Headers({ 'content-type': 'application/json', 'x-request-id': 'req-1', 'x-accepted-permissions': 'projects=read', ...extra });
const answer = (overrides: Partial<ReceivedAnswer>): ReceivedAnswer => ({
  method: 'GET',
  path: `/api/v1/projects/${project.id}`,
  status: 200,
  headers: headers(),
  body: project,
  ...overrides,
});
const error = (code: string) => ({ error: { code, message: 'm', requestId: 'req-1' } });

describe('the contract validator', () => {
  it('accepts an answer the document describes, path parameters and optional headers included', () => {
    expect(problemsWith(answer({}))).toEqual([]);
    expect(problemsWith(answer({ headers: headers({ 'x-ratelimit-limit': '1000', 'ratelimit-policy': '"key";q=1000;w=60' }) }))).toEqual([]);
    expect(problemsWith(answer({ status: 404, body: error('not_found') }))).toEqual([]);
  });

  it.each([
    ['an undocumented status', { status: 418 }, /does not document status 418/],
    ['a body property the schema does not have', { body: { ...project, hash: 'abc' } }, /must NOT have additional properties/],
    ['a body of the wrong type', { body: { ...project, createdAt: 'yesterday' } }, /createdAt must match format "date-time"/],
    ['an error code the status does not list', { status: 404, body: error('insufficient_scope') }, /code must be equal to one of the allowed values/],
    ['a missing required header', { headers: new Headers({ 'content-type': 'application/json', 'x-request-id': 'r' }) }, /X-Accepted-Permissions is required/],
    ['a header value off its schema', { headers: headers({ 'x-ratelimit-remaining': 'many' }) }, /header X-RateLimit-Remaining must match pattern/],
    ['a body that is not JSON', { headers: headers({ 'content-type': 'text/html' }) }, /content-type text\/html is not application\/json/],
  ])('refuses %s', (_label, overrides, problem) => {
    expect(problemsWith(answer(overrides)).join('\n')).toMatch(problem);
  });

  it('holds answers outside every operation to the shared Error schema', () => {
    expect(problemsWith(answer({ path: '/api/v1/nothing', status: 404, body: error('not_found') }))).toEqual([]);
    expect(problemsWith(answer({ method: 'DELETE', status: 405, body: error('method_not_allowed') }))).toEqual([]);
    expect(problemsWith(answer({ path: '/api/v1/nothing', status: 404, body: { message: 'Not found' } }))).not.toEqual([]);
  });
});
