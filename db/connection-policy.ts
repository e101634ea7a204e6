import type postgres from 'postgres';

/**
 * How long anything may wait on PostgreSQL. postgres.js's defaults suit a batch job, not a
 * server: a 30 s connect timeout, no statement timeout, and a reconnect backoff that grows to
 * 20 s with one retry counter for the whole pool, so after a restart calls waited 6–18 s and the
 * first 503 came 8 s after Postgres was back (STACK.md). Here every wait is bounded, so while the
 * database is down a call fails in about a second (503 `service_unavailable`, or the admin's
 * "the database is unreachable" message), and the first call after it is back succeeds.
 */

/**
 * Longest wait for a connection to open; a black-holed address fails after this (a stopped
 * Postgres refuses at once). Not 1 s: the timer runs before the socket's own callback when the
 * event loop was busy (a heavy admin page), and under the drill's load 1 s failed connections
 * that had in fact succeeded, answering 503 after Postgres was back.
 */
export const CONNECT_TIMEOUT_SECONDS = 2;

/**
 * Longest a statement may run on the server (a lock wait, a runaway plan): cancelled by Postgres
 * itself, so a write never half-happens after the caller gave up. Generous: an admin page at
 * scale or a 5 000-row usage batch takes a fraction of it.
 */
export const STATEMENT_TIMEOUT_MS = 5_000;

/** The longest pause between two reconnection attempts, whatever the number of failures. */
export const MAX_RECONNECT_DELAY_SECONDS = 0.5;

/**
 * Seconds before the next attempt after `failures` failed ones: 50 ms doubling, capped, with
 * jitter so instances do not reconnect in lockstep. A query made meanwhile waits for that
 * attempt, so the cap bounds both how long a call waits and how soon a restart is noticed.
 */
export function reconnectDelaySeconds(failures: number): number {
  const ceiling = Math.min(MAX_RECONNECT_DELAY_SECONDS, 0.05 * 2 ** Math.max(0, failures - 1));
  return ceiling * (0.5 + Math.random() / 2);
}

/** The options every postgres.js client of the app shares (the pool and the key-change listener). */
export const connectionPolicy = {
  connect_timeout: CONNECT_TIMEOUT_SECONDS,
  backoff: reconnectDelaySeconds,
  // TCP keepalive on idle connections starts after 10 s instead of postgres.js's 60 s. The key
  // listener does not rely on it: its own ping finds a hung connection (key-change-listener.ts).
  keep_alive: 10,
  // JIT off: the app's statements are short OLTP reads and writes, and JIT compiling them cost
  // more than it saved (145–215 ms of the API Keys list query at 10 000 keys, issue 16).
  connection: { statement_timeout: STATEMENT_TIMEOUT_MS, jit: 'off' },
  onnotice: () => {},
} satisfies postgres.Options<Record<string, postgres.PostgresType>>;
