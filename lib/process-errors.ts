import { log } from './logger';

/**
 * postgres.js can throw from a `setImmediate` after a connection closed under it
 * (`TypeError: Cannot read properties of null (reading 'write')` in `nextWrite`,
 * porsager/postgres#1154, unfixed in 3.4.9): no caller can catch it, and nothing is lost by it
 * (the query it belonged to was already rejected with CONNECTION_CLOSED).
 */
export function isDriverWriteRace(error: unknown): boolean {
  return (
    error instanceof TypeError &&
    /reading 'write'/.test(error.message) &&
    /nextWrite/.test(error.stack ?? '') &&
    /postgres[\\/](cjs[\\/])?src[\\/]connection\.js/.test(error.stack ?? '')
  );
}

/**
 * One JSON log line for anything thrown or rejected with no one to catch it, in place of Next's
 * plain-text handler (which it registers in app.prepare()). The process keeps serving, as it did
 * under Next's handler; the driver race above is expected during a database outage and logged as
 * a warning, anything else as an error.
 */
export function containProcessErrors(): void {
  process.removeAllListeners('uncaughtException');
  process.removeAllListeners('unhandledRejection');
  process.on('uncaughtException', (error) => {
    if (isDriverWriteRace(error)) log.warn({ err: error }, 'database driver wrote to a closed connection (porsager/postgres#1154); contained');
    else log.error({ err: error }, 'uncaught exception');
  });
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled promise rejection'));
}
