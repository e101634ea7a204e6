import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, describe, expect, it } from 'vitest';

const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');
const PERMISSIONS_MIGRATION = '0003_key_permissions';

/** The migrations folder as it was before permissions: the journal cut just before them. */
function folderBeforePermissions(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'migrations-'));
  cpSync(migrationsFolder, dir, { recursive: true });
  const journalPath = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const cut = journal.entries.findIndex((entry) => entry.tag === PERMISSIONS_MIGRATION);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }));
  return dir;
}

const pglite = new PGlite();
const before = folderBeforePermissions();
afterAll(async () => {
  await pglite.close();
  rmSync(before, { recursive: true, force: true });
});

describe(`migration ${PERMISSIONS_MIGRATION}`, () => {
  it('gives keys that existed before permissions read and write everywhere, and new rows no default', async () => {
    const db = drizzle(pglite);
    await migrate(db, { migrationsFolder: before });
    const {
      rows: [community],
    } = await pglite.query<{ id: string }>(`insert into communities (slug, name) values ('old', 'Old') returning id`);
    const {
      rows: [user],
    } = await pglite.query<{ id: string }>(`insert into users (community_id, email, name, password_hash) values ($1, 'old@example.test', 'Old', 'x') returning id`, [community.id]);
    await pglite.query(`insert into api_keys (community_id, name, prefix, hash, hint, created_by_id) values ($1, 'Old key', 'old', 'h', 'old_…abcd', $2)`, [community.id, user.id]);

    await migrate(db, { migrationsFolder });
    const { rows } = await pglite.query<{ permissions: unknown }>(`select permissions from api_keys`);
    expect(rows).toEqual([{ permissions: { projects: 'write', members: 'write', feedback: 'write' } }]);
    await expect(
      pglite.query(`insert into api_keys (community_id, name, prefix, hash, hint, created_by_id) values ($1, 'New key', 'new', 'h2', 'new_…abcd', $2)`, [community.id, user.id]),
    ).rejects.toThrow(/permissions/);
  });
});
