import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const DEV_SECRET_FILE = path.join('.data', 'auth-secret');

/**
 * The session-signing secret. Production must set AUTH_SECRET; development generates one once
 * and keeps it in .data/ so sessions survive restarts.
 */
export function resolveAuthSecret(opts: { configured: string | undefined; production: boolean; file?: string }): string {
  if (opts.configured) return opts.configured;
  if (opts.production) {
    throw new Error('AUTH_SECRET: required in production (at least 32 characters; try: openssl rand -base64 32)');
  }
  const file = opts.file ?? DEV_SECRET_FILE;
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) return existing;
  } catch {
    // first start: fall through and create it
  }
  const secret = randomBytes(32).toString('base64url');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
