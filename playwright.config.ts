import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://localhost:${port}`;
/** e2e/global-setup.ts serves GitHub's secret-scanning public keys here (a local fake); the server is told so. */
export const secretScanningKeysPort = port + 1;
/** The one reverse proxy the server trusts (TRUSTED_PROXIES): e2e/security-headers.spec.ts calls from it as a proxy would. */
export const trustedProxyAddress = '127.0.0.9';

// Debian's Chromium where present (Playwright cannot download its own browser here).
const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));

export default defineConfig({
  testDir: './e2e',
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: systemChromium ? { executablePath: systemChromium } : {},
  },
  projects: [
    { name: 'setup', testMatch: /auth\.setup\.ts/ },
    { name: 'chromium', use: { ...devices['Desktop Chrome'] }, dependencies: ['setup'], testIgnore: /auth\.setup\.ts/ },
  ],
  webServer: {
    // The production build, started exactly as `npm start` does (server.ts owns the process).
    command: 'npm start',
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      AUTH_SECRET: process.env.AUTH_SECRET ?? 'e2e-only-secret-e2e-only-secret-e2e-only-secret',
      PGLITE_DIR: process.env.DATABASE_URL ? '' : 'memory://',
      DATABASE_URL: process.env.DATABASE_URL ?? '',
      SEED_ADMIN_PASSWORD: process.env.SEED_ADMIN_PASSWORD ?? 'admin-password',
      SEED_MEMBER_PASSWORD: process.env.SEED_MEMBER_PASSWORD ?? 'member-password',
      LOG_LEVEL: 'warn',
      // Every spec calls from 127.0.0.1 and many send bad keys on purpose; the per-IP limit has its own tests.
      UNAUTHENTICATED_RATE_LIMIT: '1000',
      TRUSTED_PROXIES: trustedProxyAddress,
      REDIS_URL: process.env.REDIS_URL ?? '',
      SECRET_SCANNING_KEYS_URL: `http://127.0.0.1:${secretScanningKeysPort}/meta/public_keys/secret_scanning`,
      // Counters of this run only: failed sign-ins and bad keys from 127.0.0.1 do not carry over to the next run.
      REDIS_KEY_PREFIX: `e2e-${Date.now().toString(36)}`,
      NEXT_TELEMETRY_DISABLED: '1',
    },
  },
});
