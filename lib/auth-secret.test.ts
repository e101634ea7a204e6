import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAuthSecret } from './auth-secret';

describe('resolveAuthSecret', () => {
  it('uses the configured secret', () => {
    expect(resolveAuthSecret({ configured: 'x'.repeat(32), production: true })).toBe('x'.repeat(32));
  });

  it('refuses to start in production without one, naming the variable', () => {
    expect(() => resolveAuthSecret({ configured: undefined, production: true })).toThrow(/^AUTH_SECRET: required in production/);
  });

  it('generates one in development and keeps it', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'ic-secret-')), 'nested', 'auth-secret');
    const first = resolveAuthSecret({ configured: undefined, production: false, file });
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(file, 'utf8').trim()).toBe(first);
    expect(resolveAuthSecret({ configured: undefined, production: false, file })).toBe(first);
  });
});
