import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from '@playwright/test';
import { secretScanningKeysPort } from '../playwright.config';
import { startServer, type RunningServer } from '../scripts/bench/server';

/** Ports of the specs that start a server of their own, beside the run's (and its fake GitHub). */
export const OWN_SERVER_PORTS = { hostileInput: secretScanningKeysPort + 1, formsBeforeJavaScript: secretScanningKeysPort + 2 } as const;

export type OwnServer = {
  url: string;
  /** The seeded admin's password, random per run. */
  adminPassword: string;
  /** Its PGlite database, on disk so a spec can read every file of it. */
  pgliteDir: string;
  /** Everything the server wrote to stdout and stderr so far: one JSON line per request (LOG_LEVEL=info). */
  log(): string;
  running(): RunningServer;
};

/**
 * A server of the spec's own (server.ts and the production build, as `npm start` runs them),
 * logging every request, on a database on disk, so the spec can search its whole log and storage.
 * Started before the spec's tests and removed after them.
 */
export function ownServerFor(name: string, port: number): OwnServer {
  const url = `http://127.0.0.1:${port}`;
  const adminPassword = randomBytes(18).toString('base64url');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `ic-${name}-`));
  const pgliteDir = path.join(dataDir, 'pglite');
  let running: RunningServer | undefined;
  let log = '';

  test.beforeAll(async () => {
    test.setTimeout(150_000);
    running = await startServer({
      port,
      databaseUrl: '',
      env: { PGLITE_DIR: pgliteDir, LOG_LEVEL: 'info', SEED_ADMIN_PASSWORD: adminPassword, UNAUTHENTICATED_RATE_LIMIT: '1000', REDIS_URL: '', APP_URL: url },
      onOutput: (chunk) => void (log += chunk),
    });
  });
  test.afterAll(() => {
    running?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  return {
    url,
    adminPassword,
    pgliteDir,
    log: () => log,
    running: () => {
      if (!running) throw new Error(`the ${name} server has not started`);
      return running;
    },
  };
}
