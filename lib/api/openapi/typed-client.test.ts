import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './document';

const dir = mkdtempSync(path.join(tmpdir(), 'typed-client-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// What an integration writes against the types the README's one command generates.
const USAGE = `
import type { paths } from './integration-center-api';
type Answer<P extends keyof paths, M extends 'get' | 'post', S extends number> = paths[P][M] extends { responses: Record<S, { content: { 'application/json': infer T } }> } ? T : never;
export const me: Answer<'/api/v1/me', 'get', 200> = {
  id: 'k', name: 'Nightly export', prefix: 'acme', hint: 'acme_…x7Qa', ipLimits: [],
  permissions: { projects: 'read', members: 'none', feedback: 'write' }, createdAt: '2026-11-29T10:15:00.000Z', expiresAt: null,
};
export const created: Answer<'/api/v1/feedback', 'post', 201>['kind'] = 'idea';
// @ts-expect-error: the kinds are typed, not any string
export const wrong: Answer<'/api/v1/feedback', 'post', 201>['kind'] = 'rant';
`;

describe('a typed client from the document (openapi-typescript, as in the README)', () => {
  it('generates types an integration compiles against', async () => {
    const source = astToString(await openapiTS(buildOpenApiDocument() as Parameters<typeof openapiTS>[0]));
    expect(source).toContain('"/api/v1/projects/{id}"');
    writeFileSync(path.join(dir, 'integration-center-api.ts'), source);
    writeFileSync(path.join(dir, 'usage.ts'), USAGE);
    const program = ts.createProgram([path.join(dir, 'usage.ts')], { strict: true, noEmit: true, module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, moduleResolution: ts.ModuleResolutionKind.Bundler, skipLibCheck: true });
    const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    expect(problems).toEqual([]);
  });
});
