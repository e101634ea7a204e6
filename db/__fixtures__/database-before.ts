import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';

const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');

/** The migrations folder as it was before `tag`: a copy whose journal is cut just before it. */
function folderBefore(tag: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'migrations-'));
  cpSync(migrationsFolder, dir, { recursive: true });
  const journalPath = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const cut = journal.entries.findIndex((entry) => entry.tag === tag);
  if (cut === -1) throw new Error(`no migration ${tag} in the journal`);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }));
  return dir;
}

/**
 * A throw-away database migrated up to just before migration `tag`, for testing what that
 * migration does to rows that existed before it (backfills).
 */
export async function databaseBefore(tag: string) {
  const pglite = new PGlite();
  const db = drizzle(pglite);
  const before = folderBefore(tag);
  await migrate(db, { migrationsFolder: before });
  const {
    rows: [community],
  } = await pglite.query<{ id: string }>(`insert into communities (slug, name) values ('old', 'Old') returning id`);
  const {
    rows: [user],
  } = await pglite.query<{ id: string }>(`insert into users (community_id, email, name, password_hash) values ($1, 'old@example.test', 'Old', 'x') returning id`, [community.id]);
  return {
    pglite,
    /** A community and its user, to own the keys a test inserts. */
    owner: { communityId: community.id, userId: user.id },
    /** Applies the rest of the migrations, `tag` included. */
    migrateRest: () => migrate(db, { migrationsFolder }),
    close: async () => {
      await pglite.close();
      rmSync(before, { recursive: true, force: true });
    },
  };
}
