import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase } from '@/db/index';
import { GUARDED, type RouteDeclaration } from '@/lib/api/guard';
import { openApiDocument } from '@/lib/api/openapi/document';
import { flushUsage } from '@/lib/api/usage-recorder';
import { stopApiKeyInvalidation } from '@/lib/api-keys/key-invalidation';
import { callRoute, createTestKey } from '@/test/api';
import { createTestCommunity } from '@/test/db';
import { HTTP_METHODS, isCatchAll, routeFiles, urlTemplateOf } from '@/test/route-files';

type Operation = { 'x-required-permission'?: string; security?: unknown[] };
const paths = openApiDocument().paths as unknown as Record<string, Record<string, Operation>>;
const operationOf = (method: string, template: string): Operation | undefined => paths[template]?.[method.toLowerCase()];

/** Every handler a route file exports, but the catch-all's (it answers paths no route has). */
async function exportedHandlers() {
  const files = routeFiles().filter((file) => !isCatchAll(file));
  const modules = await Promise.all(files.map(async (file) => ({ file, mod: (await import(file)) as Record<string, unknown> })));
  return modules.flatMap(({ file, mod }) =>
    HTTP_METHODS.filter((method) => method in mod).map((method) => ({ method, template: urlTemplateOf(file), handler: mod[method], file: path.relative(process.cwd(), file) })),
  );
}

const handlers = await exportedHandlers();
let key: string;

beforeAll(async () => {
  const community = await createTestCommunity();
  key = (await createTestKey({ communityId: community.communityId, createdById: community.admin.id })).key;
});
afterAll(async () => {
  await flushUsage();
  await stopApiKeyInvalidation();
  await closeDatabase();
});

describe('the OpenAPI document and the route files agree', () => {
  it('every operation in the document has a route file that exports its method', () => {
    const exported = new Set(handlers.map(({ method, template }) => `${method} ${template}`));
    const documented = Object.entries(paths).flatMap(([template, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${template}`));
    expect(documented.length).toBeGreaterThanOrEqual(7);
    expect(documented.filter((operation) => !exported.has(operation))).toEqual([]);
  });

  it.each(handlers.map((h) => [`${h.method} ${h.template}`, h] as const))('%s is a documented operation, or answers 405', async (_label, { method, template, handler }) => {
    const operation = operationOf(method, template);
    const declaration = (handler as Record<symbol, RouteDeclaration | undefined>)[GUARDED];
    if (operation) {
      // Documented as it is guarded: the permission the route declares, or public (no security) for the one unguarded route.
      expect(operation['x-required-permission']).toBe(declaration?.permission);
      expect(operation.security).toEqual(declaration ? undefined : []);
      return;
    }
    const path = template.replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000');
    const answer = await callRoute(handler, { path, method, key });
    expect(answer.status, `${method} ${template} is in no operation of the document, so it must answer 405`).toBe(405);
    expect(answer.json.error.code).toBe('method_not_allowed');
  });
});
