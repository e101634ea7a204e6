import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRequiredPermission } from '@/lib/api-keys/permissions';
import { GUARDED, guarded, otherMethods, type RouteDeclaration } from '@/lib/api/guard';
import { HTTP_METHODS, routeFiles } from '@/test/route-files';

/** The one deliberately public route under /api/v1 (SPEC §10): the API description, which needs no key and reads no data. */
const PUBLIC_ROUTE = 'app/api/v1/openapi.json/route.ts';

/** What is wrong with a route module's HTTP exports: each must be guarded and declare a known permission. */
function coverageProblems(mod: Record<string, unknown>): string[] {
  const handlers = HTTP_METHODS.filter((method) => method in mod);
  if (handlers.length === 0) return ['exports no HTTP handler'];
  return handlers.flatMap((method) => {
    const declaration = (mod[method] as Record<symbol, RouteDeclaration | undefined> | undefined)?.[GUARDED];
    if (!declaration) return [`${method} is not wrapped in guarded()`];
    return isRequiredPermission(declaration.permission) ? [] : [`${method} declares no known permission`];
  });
}

describe('every /api/v1 route is guarded and declares its permission', () => {
  const files = routeFiles().map((file) => [path.relative(process.cwd(), file), file] as const);
  const guardedFiles = files.filter(([name]) => name !== PUBLIC_ROUTE);

  it('finds the route files', () => {
    expect(guardedFiles.length).toBeGreaterThanOrEqual(6);
  });

  it.each(guardedFiles)('%s', async (_name, file) => {
    expect(coverageProblems((await import(file)) as Record<string, unknown>)).toEqual([]);
  });

  it(`makes one exception, by name: ${PUBLIC_ROUTE}, which answers GET and refuses the rest (405, app/api/v1/openapi-coverage.test.ts)`, async () => {
    expect(files.length - guardedFiles.length).toBe(1);
    const publicRoute = (await import(path.join(process.cwd(), PUBLIC_ROUTE))) as Record<string, unknown>;
    expect(HTTP_METHODS.filter((method) => method in publicRoute)).toEqual(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
    expect(coverageProblems(publicRoute)).toEqual(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((method) => `${method} is not wrapped in guarded()`));
  });

  it('the check itself fails an unguarded handler, a missing declaration and an unknown permission', () => {
    const plain = async () => new Response();
    const undeclared = Object.assign(async () => new Response(), { [GUARDED]: {} });
    const unknown = Object.assign(async () => new Response(), { [GUARDED]: { permission: 'feedback:admin' } });
    expect(coverageProblems({ GET: plain, POST: undeclared, PUT: unknown })).toEqual([
      'GET is not wrapped in guarded()',
      'POST declares no known permission',
      'PUT declares no known permission',
    ]);
    expect(coverageProblems({ helper: plain })).toEqual(['exports no HTTP handler']);
    expect(coverageProblems({ ...otherMethods(['GET']), GET: guarded({ permission: 'projects:read' }, plain) })).toEqual([]);
  });

  it('guarded() refuses a declaration it does not know when the route module loads', () => {
    expect(() => guarded({ permission: 'projects:admin' } as unknown as RouteDeclaration, async () => new Response())).toThrow(/unknown permission/);
    expect(() => guarded(undefined as unknown as RouteDeclaration, async () => new Response())).toThrow(/unknown permission/);
  });
});
