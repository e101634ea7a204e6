import { API_KEY_CHANGED_CHANNEL } from '@/db/queries/api-key-lookup';
import { getDatabase, type Database } from '@/db/index';
import { log } from '@/lib/logger';

/**
 * Keeps a key cache honest: a change to a key (status, IP limits, deletion) is announced with
 * NOTIFY in the transaction that makes it (`notifyAllSecretsChanged`), and the listener evicts that
 * key when the notification arrives, milliseconds after the commit.
 */
export type KeyChangeListener = {
  /** Starts listening (again after the database was reopened); resolves once LISTEN is in place. Idempotent and cheap. */
  start(): Promise<void>;
  /** Whether lookups may be cached: LISTEN is in place on the current database. */
  live(): boolean;
  stop(): Promise<void>;
};

type Subscription = {
  /** The connection it listens on: a reopened database needs a new subscription. */
  database: Database;
  /** True once LISTEN is in place; until then nothing may be cached (a change could be missed). */
  live: boolean;
  registered: Promise<void>;
  stop: () => Promise<void>;
};

export function createKeyChangeListener({ evict, clear }: { evict: (hash: string) => void; clear: () => void }): KeyChangeListener {
  let current: Subscription | undefined;

  function subscribeTo(database: Database): Subscription {
    let active = true;
    let unlisten: () => Promise<void> = async () => {};
    const subscription: Subscription = {
      database,
      live: false,
      registered: Promise.resolve(),
      stop: async () => {
        active = false;
        subscription.live = false;
        await unlisten().catch(() => {}); // the connection may already be closed; `active` silences it anyway
      },
    };
    // postgres.js re-subscribes on reconnect with a callback that `unlisten` no longer removes:
    // the `active` flag is what really silences a stopped listener.
    const onChange = (hash: string) => {
      if (active) evict(hash);
    };
    // Runs on every (re)connect: notifications sent while disconnected are lost, so everything
    // cached before is suspect.
    const onListen = () => {
      if (!active) return;
      subscription.live = true;
      clear();
    };
    subscription.registered = listen(database, onChange, onListen).then(
      (stop) => {
        unlisten = stop;
      },
      (error: unknown) => {
        log.warn({ err: error }, 'API key cache paused: cannot LISTEN for key changes (lookups go to the database)');
        // postgres.js keeps retrying a failed LISTEN in the background and calls onListen when it
        // succeeds, so that subscription stays; PGlite does not retry, so the next miss starts over.
        if (database.kind === 'pglite' && current === subscription) current = undefined;
        throw error;
      },
    );
    return subscription;
  }

  return {
    start() {
      const database = getDatabase();
      if (current?.database === database) return current.live ? Promise.resolve() : current.registered;
      current = subscribeTo(database);
      return current.registered;
    },
    live: () => current !== undefined && current.live && current.database === getDatabase(),
    async stop() {
      const stopping = current;
      if (!stopping) return;
      current = undefined;
      await stopping.registered.catch(() => {});
      await stopping.stop();
      clear();
    },
  };
}

async function listen(database: Database, onChange: (hash: string) => void, onListen: () => void) {
  if (database.kind === 'postgres') {
    const { unlisten } = await database.sql.listen(API_KEY_CHANGED_CHANNEL, onChange, onListen);
    return unlisten;
  }
  // PGlite lives in this process only; its NOTIFY is delivered here when the transaction commits.
  const unlisten = await database.pglite.listen(API_KEY_CHANGED_CHANNEL, onChange);
  onListen();
  return () => unlisten();
}
