import { readdirSync } from 'node:fs';
import path from 'node:path';

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export const API_ROOT = path.join(process.cwd(), 'app', 'api', 'v1');

/** Every route file under a folder of app/, found on disk: a new route cannot hide from the tests that use this. */
export function routeFiles(dir: string = API_ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return /^route\.(ts|tsx|js|mjs)$/.test(entry.name) ? [full] : [];
  });
}

/** The URL a route file answers, as an OpenAPI path: `app/api/v1/projects/[id]/route.ts` → `/api/v1/projects/{id}`. */
export function urlTemplateOf(file: string): string {
  const folder = path.relative(path.join(process.cwd(), 'app'), path.dirname(file));
  return `/${folder.split(path.sep).map((segment) => segment.replace(/^\[(\w+)\]$/, '{$1}')).join('/')}`;
}

/** A catch-all folder (`[...path]`) answers paths no route has: it is no operation of its own. */
export const isCatchAll = (file: string) => /\[\.\.\.\w+\]/.test(file);
