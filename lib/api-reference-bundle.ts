import 'server-only';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const PACKAGE_DIR = path.join(process.cwd(), 'node_modules', '@scalar', 'api-reference');

let bundle: Promise<{ script: Buffer; version: string }> | undefined;

/**
 * Scalar's browser bundle, from the installed package (not a CDN, not a copy in the repository):
 * the API reference page loads it from this app. Read once per process.
 */
export function apiReferenceBundle(): Promise<{ script: Buffer; version: string }> {
  bundle ??= Promise.all([
    readFile(path.join(PACKAGE_DIR, 'dist', 'browser', 'standalone.js')),
    readFile(path.join(PACKAGE_DIR, 'package.json'), 'utf8'),
  ]).then(([script, manifest]) => ({ script, version: (JSON.parse(manifest) as { version: string }).version }));
  return bundle;
}
