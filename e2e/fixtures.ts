import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { baseURL } from '../playwright.config';
import { assertMatchesContract, coveredByContract, createContractValidator } from '../test/openapi-contract';
import { CreateApiKeyPage, type ApiKeyFields } from './pages/create-api-key-page';
import { PermissionsFields, type PermissionChoices } from './pages/permissions-fields';

// Specs written before permissions call every endpoint; e2e/permissions.spec.ts chooses its own.
const EVERYTHING: PermissionChoices = { Projects: 'Read and write', Members: 'Read and write', Feedback: 'Read and write' };

/** axe finds no serious or critical violation on the page as it is now (a dialog open, say). */
export async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map(({ id, nodes }) => `${id}: ${nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Whether curl can run here, to run a copied command as pasted (CI installs it, .ci/run). */
export const hasCurl = (() => {
  try {
    execFileSync('curl', ['--version']);
    return true;
  } catch {
    return false;
  }
})();

/** Runs a command copied from the UI the way a reader pastes it into bash, and returns the JSON it prints. */
export function runPasted(command: string, env: Record<string, string> = {}): Record<string, unknown> {
  const shell: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env };
  return JSON.parse(execFileSync('bash', ['-c', `${command.trimEnd()} --silent --show-error --fail-with-body`], { env: shell as NodeJS.ProcessEnv, encoding: 'utf8' }));
}

/**
 * A name no other test (or earlier run on the same database) uses: every test seeds its own keys,
 * so tests pass alone and in any order.
 */
export function uniqueName(base: string): string {
  return `${base} ${randomUUID().slice(0, 8)}`;
}

/**
 * Creates a key the way an admin does, and returns the plaintext shown once. (Seeded through the
 * app, not db/: without DATABASE_URL the e2e server's database is in-memory PGlite inside the
 * server process, which this process cannot reach.)
 */
export async function createKeyThroughUi(page: Page, fields: ApiKeyFields, permissions: PermissionChoices = EVERYTHING): Promise<string> {
  await page.goto('/admin/integration-center/api-keys/new');
  const form = new CreateApiKeyPage(page);
  await form.fill(fields);
  await new PermissionsFields(page).choose(permissions);
  await form.submit();
  const key = await form.createdKey();
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'API Keys' })).toBeVisible();
  return key;
}

export type ApiAnswer = { status: number; headers: Headers; json: { error?: { code: string; message: string; requestId: string } } & Record<string, unknown> };
type CallOptions = {
  key?: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  from?: string;
  /** Another server than the run's (e2e/hostile-input.spec.ts starts its own, to read its log and storage). */
  server?: string;
};

let contract: Promise<ReturnType<typeof createContractValidator>> | undefined;

/** The OpenAPI document as the server under test publishes it, read once per worker. */
function servedContract() {
  contract ??= fetch(new URL('/api/v1/openapi.json', baseURL)).then(async (response) => createContractValidator(await response.json()));
  return contract;
}

/**
 * An integration's HTTP call, from a chosen local address (127.0.0.2 is another client on the
 * loopback network), so IP limits are tested against the socket the server really sees. Every
 * /api/v1 answer must match the OpenAPI document the server publishes (status, headers, body).
 */
export async function callApi(path: string, opts: CallOptions = {}): Promise<ApiAnswer> {
  const { status, headers, text } = await send(path, opts);
  const body = text ? JSON.parse(text) : null;
  const { pathname } = new URL(path, opts.server ?? baseURL);
  if (coveredByContract(pathname)) assertMatchesContract(await servedContract(), { method: opts.method ?? 'GET', path: pathname, status, headers, body });
  return { status, headers, json: body ?? {} };
}

/** One raw HTTP exchange with the server under test, for any path (no contract check, body as text). */
export function send(path: string, opts: CallOptions): Promise<{ status: number; headers: Headers; text: string }> {
  const url = new URL(path, opts.server ?? baseURL);
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.key !== undefined) headers['x-api-key'] = opts.key;
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port: url.port, path: url.pathname + url.search, method: opts.method ?? 'GET', headers, localAddress: opts.from ?? '127.0.0.1' },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const received = new Headers();
          for (const [name, value] of Object.entries(response.headers)) for (const one of [value ?? []].flat()) received.append(name, one);
          resolve({ status: response.statusCode ?? 0, headers: received, text: Buffer.concat(chunks).toString('utf8') });
        });
      },
    );
    request.on('error', reject);
    request.end(opts.body);
  });
}
