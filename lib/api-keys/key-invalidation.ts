import { API_KEY_CHANGED_CHANNEL } from '@/db/queries/api-keys';
import { getDatabase, type Database } from '@/db/index';
import { clearApiKeyCache, evictApiKey } from './key-lookup';

/**
 * Keeps every instance's key cache honest: a change to a key (status, IP limits, deletion) is
 * announced with NOTIFY in the transaction that makes it (`notifyApiKeyChanged`), and each
 * instance evicts that key when the notification arrives, within milliseconds of the commit.
 */
export const API_KEY_CHANNEL = API_KEY_CHANGED_CHANNEL;

type Listener = {
  /** The connection it listens on: a reopened database needs a new listener. */
  database: Database;
  ready: Promise<void>;
  stop: () => Promise<void>;
};

// One listener per process, shared by server.ts's and Next's copies of this module.
const globalForInvalidation = globalThis as unknown as { __icApiKeyListener?: Listener };

/** Starts listening once per process (and again after the database was reopened). Idempotent. */
export function startApiKeyInvalidation(): Promise<void> {
  const database = getDatabase();
  const current = globalForInvalidation.__icApiKeyListener;
  if (current?.database === database) return current.ready;

  let active = true;
  // postgres.js re-subscribes on reconnect with a listener that `unlisten` no longer removes;
  // this flag is what really silences a stopped listener.
  const onChange = (hash: string) => {
    if (active) evictApiKey(hash);
  };
  let unlisten: () => Promise<void> = async () => {};
  const listener: Listener = {
    database,
    ready: subscribe(database, onChange, () => active && clearApiKeyCache()).then((stop) => {
      unlisten = stop;
    }),
    stop: async () => {
      active = false;
      await unlisten();
    },
  };
  globalForInvalidation.__icApiKeyListener = listener;
  // A failed start (database down) must be retried by the next lookup, not remembered.
  listener.ready.catch(() => {
    if (globalForInvalidation.__icApiKeyListener === listener) globalForInvalidation.__icApiKeyListener = undefined;
  });
  return listener.ready;
}

async function subscribe(database: Database, onChange: (hash: string) => void, onListen: () => void) {
  if (database.kind === 'postgres') {
    // onListen runs on every (re)connect: whatever was announced while disconnected is lost,
    // so everything cached before is suspect.
    const { unlisten } = await database.sql.listen(API_KEY_CHANNEL, onChange, onListen);
    return unlisten;
  }
  // PGlite lives in this process only; its NOTIFY is delivered here when the transaction commits.
  const unlisten = await database.pglite.listen(API_KEY_CHANNEL, onChange);
  onListen();
  return () => unlisten();
}

/** Stops listening (tests, shutdown). Cached keys are kept; call clearApiKeyCache to drop them. */
export async function stopApiKeyInvalidation(): Promise<void> {
  const listener = globalForInvalidation.__icApiKeyListener;
  if (!listener) return;
  globalForInvalidation.__icApiKeyListener = undefined;
  await listener.ready.catch(() => {});
  await listener.stop();
}
