import { API_KEY_CHANGED_CHANNEL } from '@/db/queries/api-key-lookup';
import { getDatabase, type Database } from '@/db/index';
import { log } from '@/lib/logger';
import { clearApiKeyCache, evictApiKey } from './key-lookup';

/**
 * Keeps every instance's key cache honest: a change to a key (status, IP limits, deletion) is
 * announced with NOTIFY in the transaction that makes it (`notifyApiKeyChanged`), and each
 * instance evicts that key when the notification arrives, milliseconds after the commit.
 */
export const API_KEY_CHANNEL = API_KEY_CHANGED_CHANNEL;

type Listener = {
  /** The connection it listens on: a reopened database needs a new listener. */
  database: Database;
  /** True once LISTEN is in place; until then nothing may be cached (a change could be missed). */
  live: boolean;
  registered: Promise<void>;
  stop: () => Promise<void>;
};

// One listener per process, shared by server.ts's and Next's copies of this module.
const globalForInvalidation = globalThis as unknown as { __icApiKeyListener?: Listener };

/**
 * Starts listening once per process (and again after the database was reopened); resolves once
 * LISTEN is in place. Idempotent and cheap, so every cache miss calls it.
 */
export function startApiKeyInvalidation(): Promise<void> {
  const database = getDatabase();
  const current = globalForInvalidation.__icApiKeyListener;
  if (current?.database === database) return current.live ? Promise.resolve() : current.registered;

  let active = true;
  let unlisten: () => Promise<void> = async () => {};
  const listener: Listener = {
    database,
    live: false,
    registered: Promise.resolve(),
    stop: async () => {
      active = false;
      listener.live = false;
      await unlisten().catch(() => {}); // the connection may already be closed; `active` silences it anyway
    },
  };
  // postgres.js re-subscribes on reconnect with a callback that `unlisten` no longer removes:
  // the `active` flag is what really silences a stopped listener.
  const onChange = (hash: string) => {
    if (active) evictApiKey(hash);
  };
  // Runs on every (re)connect: notifications sent while disconnected are lost, so everything
  // cached before is suspect.
  const onListen = () => {
    if (!active) return;
    listener.live = true;
    clearApiKeyCache();
  };
  listener.registered = subscribe(database, onChange, onListen).then(
    (stop) => {
      unlisten = stop;
    },
    (error: unknown) => {
      log.warn({ err: error }, 'API key cache paused: cannot LISTEN for key changes (lookups go to the database)');
      // postgres.js keeps retrying a failed LISTEN in the background and calls onListen when it
      // succeeds, so that subscription stays; PGlite does not retry, so the next miss starts over.
      if (database.kind === 'pglite' && globalForInvalidation.__icApiKeyListener === listener) {
        globalForInvalidation.__icApiKeyListener = undefined;
      }
      throw error;
    },
  );
  globalForInvalidation.__icApiKeyListener = listener;
  return listener.registered;
}

async function subscribe(database: Database, onChange: (hash: string) => void, onListen: () => void) {
  if (database.kind === 'postgres') {
    const { unlisten } = await database.sql.listen(API_KEY_CHANNEL, onChange, onListen);
    return unlisten;
  }
  // PGlite lives in this process only; its NOTIFY is delivered here when the transaction commits.
  const unlisten = await database.pglite.listen(API_KEY_CHANNEL, onChange);
  onListen();
  return () => unlisten();
}

/** Whether lookups may be cached: LISTEN is in place on the current database. */
export function apiKeyInvalidationLive(): boolean {
  const listener = globalForInvalidation.__icApiKeyListener;
  return listener !== undefined && listener.live && listener.database === getDatabase();
}

/** Stops listening (tests, shutdown) and drops the cache, which nothing would keep honest now. */
export async function stopApiKeyInvalidation(): Promise<void> {
  const listener = globalForInvalidation.__icApiKeyListener;
  if (!listener) return;
  globalForInvalidation.__icApiKeyListener = undefined;
  await listener.registered.catch(() => {});
  await listener.stop();
  clearApiKeyCache();
}
