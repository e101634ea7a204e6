import { API_KEY_CHANGED_CHANNEL } from '@/db/queries/api-key-lookup';
import { reconnectDelaySeconds } from '@/db/connection-policy';
import { getDatabase, openPostgres, type Database } from '@/db/index';
import { log } from '@/lib/logger';

/**
 * Keeps a key cache honest: a change to a key (status, IP limits, deletion) is announced with
 * NOTIFY in the transaction that makes it (`notifyAllSecretsChanged`), and the listener evicts that
 * key when the notification arrives, milliseconds after the commit.
 *
 * LISTEN/NOTIFY delivers nothing while its connection is down, so the listener also says when it
 * is down (`lost`: the cache then serves what it holds for a bounded window only) and when it is
 * back (`resync`: everything cached before may have missed a change and is dropped).
 */
export type KeyChangeListener = {
  /** Starts listening (again after the database was reopened); resolves once LISTEN is in place. Idempotent and cheap. */
  start(): Promise<void>;
  /** Whether lookups may be cached: LISTEN is in place on the current database. */
  live(): boolean;
  stop(): Promise<void>;
};

export type KeyChangeEvents = {
  /** A key changed: forget it. */
  evict(hash: string): void;
  /** LISTEN is (again) in place: whatever was cached before may have missed a change. */
  resync(): void;
  /** The connection that LISTENs went down: from now on changes go unseen until `resync`. */
  lost(): void;
};

type Subscription = {
  /** The database it listens on: a reopened database needs a new subscription. */
  database: Database;
  /** Resolves when LISTEN is first in place; rejects if the first attempt fails (retries go on). */
  ready: Promise<void>;
  isUp(): boolean;
  stop(): Promise<void>;
};

/** How the listening connection shows in pg_stat_activity: which process's it is, for operators and tests. */
export const listenerApplicationName = (pid = process.pid) => `integration-center key listener ${pid}`;

/** How often the listening connection proves it still answers, and how long it may take. */
const PING_EVERY_MS = 5_000;
const PING_TIMEOUT_MS = 2_000;

export function createKeyChangeListener(events: KeyChangeEvents): KeyChangeListener {
  let current: Subscription | undefined;

  return {
    start() {
      const database = getDatabase();
      if (current?.database !== database) {
        current = database.kind === 'postgres' ? listenOnPostgres(database, events) : listenOnPglite(database, events);
        const subscription = current;
        subscription.ready.catch((error: unknown) => {
          log.warn({ err: error }, 'API key cache paused: cannot LISTEN for key changes (lookups go to the database)');
          // PGlite does not retry; the next miss starts over. Postgres keeps retrying in the background.
          if (database.kind === 'pglite' && current === subscription) current = undefined;
        });
      }
      return current.ready;
    },
    live: () => current !== undefined && current.isUp() && current.database === getDatabase(),
    async stop() {
      const stopping = current;
      if (!stopping) return;
      current = undefined;
      await stopping.stop();
      events.resync(); // nothing keeps the cache honest any more: start from empty next time
    },
  };
}

/**
 * A connection of its own, so its state is ours to see: postgres.js's `sql.listen` reconnects
 * silently and would not say that notifications were being missed meanwhile. `onclose` marks it
 * down at once; a ping every few seconds catches a connection that hangs without closing.
 */
function listenOnPostgres(database: Database, events: KeyChangeEvents): Subscription {
  let active = true;
  let up = false;
  /** A LISTEN is under way or waiting to retry: a close meanwhile needs no new one. */
  let subscribing = false;
  let attempts = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let settleFirst: { resolve(): void; reject(error: unknown): void } | undefined;
  const ready = new Promise<void>((resolve, reject) => (settleFirst = { resolve, reject }));

  const markDown = () => {
    if (!up) return;
    up = false;
    events.lost();
    log.warn('API key cache: the LISTEN connection is down; cached keys are served for a bounded window only');
  };
  const markUp = () => {
    if (up || !active) return;
    up = true;
    attempts = 0;
    events.resync();
  };

  const sql = openPostgres({
    max: 1,
    idle_timeout: 0,
    max_lifetime: null,
    fetch_types: false,
    connection: { application_name: listenerApplicationName() },
    onclose: () => {
      if (!active) return;
      markDown();
      if (!subscribing) subscribe();
    },
    // Not in postgres.js's types, but the option its own `listen` is built on.
    ...({
      onnotify: (channel: string, payload: string) => {
        if (active && up && channel === API_KEY_CHANGED_CHANNEL) events.evict(payload);
      },
    } as object),
  });

  function subscribe(): void {
    clearTimeout(retryTimer);
    subscribing = true;
    sql.unsafe(`listen "${API_KEY_CHANGED_CHANNEL}"`).then(
      () => {
        subscribing = false;
        markUp();
        settleFirst?.resolve();
        settleFirst = undefined;
      },
      (error: unknown) => {
        if (!active) return;
        settleFirst?.reject(error);
        settleFirst = undefined;
        retryTimer = setTimeout(subscribe, reconnectDelaySeconds(++attempts) * 1000);
        retryTimer.unref?.();
      },
    );
  }

  function ping(): void {
    if (!up) return;
    const late = setTimeout(markDown, PING_TIMEOUT_MS);
    sql`select 1`.then(
      () => {
        clearTimeout(late);
        markUp(); // it answered after all: notifications may have been held up, so resync
      },
      () => clearTimeout(late), // a failed ping means a closed connection: onclose handles it
    );
  }

  subscribe();
  const pingTimer = setInterval(ping, PING_EVERY_MS);
  pingTimer.unref?.();

  return {
    database,
    ready,
    isUp: () => up,
    async stop() {
      active = false;
      up = false;
      clearTimeout(retryTimer);
      clearInterval(pingTimer);
      await sql.end({ timeout: 1 }).catch(() => {});
    },
  };
}

/** PGlite lives in this process only: its NOTIFY is delivered here when the transaction commits, and it never disconnects. */
function listenOnPglite(database: Extract<Database, { kind: 'pglite' }>, events: KeyChangeEvents): Subscription {
  let active = true;
  let up = false;
  let unlisten: () => Promise<void> = async () => {};
  const ready = database.pglite
    .listen(API_KEY_CHANGED_CHANNEL, (hash) => {
      if (active) events.evict(hash);
    })
    .then((stop) => {
      unlisten = stop;
      if (!active) return;
      up = true;
      events.resync();
    });
  return {
    database,
    ready,
    isUp: () => up,
    async stop() {
      active = false;
      up = false;
      await ready.catch(() => {});
      await unlisten().catch(() => {}); // the database may already be closed
    },
  };
}
