import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, describe, expect, it } from 'vitest';

const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');
const RATE_LIMIT_MIGRATION = '0004_key_rate_limits';

/** The migrations folder as it was before rate limits: the journal cut just before them. */
function folderBeforeRateLimits(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'migrations-'));
  cpSync(migrationsFolder, dir, { recursive: true });
  const journalPath = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const cut = journal.entries.findIndex((entry) => entry.tag === RATE_LIMIT_MIGRATION);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }));
  return dir;
}

const pglite = new PGlite();
const before = folderBeforeRateLimits();
afterAll(async () => {
  await pglite.close();
  rmSync(before, { recursive: true, force: true });
});

describe(`migration ${RATE_LIMIT_MIGRATION}`, () => {
  it('gives keys that existed before rate limits 1,000 per minute, and new rows No limit unless they say', async () => {
    const db = drizzle(pglite);
    await migrate(db, { migrationsFolder: before });
    const {
      rows: [community],
    } = await pglite.query<{ id: string }>(`insert into communities (slug, name) values ('old', 'Old') returning id`);
    const {
      rows: [user],
    } = await pglite.query<{ id: string }>(`insert into users (community_id, email, name, password_hash) values ($1, 'old@example.test', 'Old', 'x') returning id`, [community.id]);
    const permissions = JSON.stringify({ projects: 'read', members: 'read', feedback: 'read' });
    await pglite.query(`insert into api_keys (community_id, name, prefix, hash, hint, created_by_id, permissions) values ($1, 'Old key', 'old', 'h', 'old_…abcd', $2, $3)`, [
      community.id,
      user.id,
      permissions,
    ]);

    await migrate(db, { migrationsFolder });
    const { rows } = await pglite.query<{ rate_limit: unknown }>(`select rate_limit from api_keys`);
    expect(rows).toEqual([{ rate_limit: { limit: 1000, window: 'minute' } }]);
    await pglite.query(`insert into api_keys (community_id, name, prefix, hash, hint, created_by_id, permissions) values ($1, 'New key', 'new', 'h2', 'new_…abcd', $2, $3)`, [
      community.id,
      user.id,
      permissions,
    ]);
    const { rows: fresh } = await pglite.query<{ rate_limit: unknown }>(`select rate_limit from api_keys where name = 'New key'`);
    expect(fresh).toEqual([{ rate_limit: null }]);
  }, 60_000);
});
