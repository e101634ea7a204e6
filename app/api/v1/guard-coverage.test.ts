import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GUARDED } from '@/lib/api/guard';

const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const root = path.join(process.cwd(), 'app', 'api', 'v1');

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return /^route\.(ts|tsx|js|mjs)$/.test(entry.name) ? [full] : [];
  });
}

describe('every /api/v1 route is guarded', () => {
  const files = routeFiles(root);

  it('finds the route files', () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
  });

  it.each(files.map((file) => [path.relative(process.cwd(), file), file]))('%s exports only guarded handlers', async (_name, file) => {
    const mod = (await import(file)) as Record<string, unknown>;
    const handlers = HTTP_METHODS.filter((method) => method in mod);
    expect(handlers.length, 'exports at least one HTTP handler').toBeGreaterThan(0);
    for (const method of handlers) {
      expect((mod[method] as Record<symbol, unknown>)[GUARDED], `${method} is wrapped in guarded()`).toBe(true);
    }
  });
});
