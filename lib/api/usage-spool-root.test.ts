import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { usageSpoolRoot } from './usage-spool-root';

const root = (env: { DATABASE_URL?: string; PGLITE_DIR?: string }) =>
  usageSpoolRoot({ USAGE_SPOOL_DIR: '/var/spool/ic', PGLITE_DIR: '.data/pglite', ...env });

describe('where usage rows are spooled', () => {
  it('nowhere for in-memory PGlite, which a crash loses anyway', () => {
    expect(root({ PGLITE_DIR: 'memory://' })).toBeNull();
  });

  it('in a directory per database: the same one whoever connects, another for another database', () => {
    const app = root({ DATABASE_URL: 'postgres://app:secret@db.internal:5432/ic' });
    expect(path.dirname(app!)).toBe('/var/spool/ic');
    expect(root({ DATABASE_URL: 'postgres://admin:other@db.internal:5432/ic' })).toBe(app);
    expect(root({ DATABASE_URL: 'postgres://app:secret@db.internal:5432/ic_bench' })).not.toBe(app);
    expect(root({})).not.toBe(app);
    expect(root({ PGLITE_DIR: '/srv/other-pglite' })).not.toBe(root({}));
  });

  it('names the directory without the host or the password', () => {
    expect(root({ DATABASE_URL: 'postgres://app:secret@db.internal:5432/ic' })).not.toMatch(/secret|db\.internal|app/);
  });
});
