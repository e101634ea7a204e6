import { expect, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { baseURL } from '../playwright.config';
import { CreateApiKeyPage, type ApiKeyFields } from './pages/create-api-key-page';
import { PermissionsFields, type PermissionChoices } from './pages/permissions-fields';

// Specs written before permissions call every endpoint; e2e/permissions.spec.ts chooses its own.
const EVERYTHING: PermissionChoices = { Projects: 'Read and write', Members: 'Read and write', Feedback: 'Read and write' };

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

export type ApiAnswer = { status: number; json: { error?: { code: string; message: string; requestId: string } } & Record<string, unknown> };

/**
 * An integration's HTTP call, from a chosen local address (127.0.0.2 is another client on the
 * loopback network), so IP limits are tested against the socket the server really sees.
 */
export function callApi(
  path: string,
  opts: { key?: string; method?: string; headers?: Record<string, string>; body?: string | Buffer; from?: string } = {},
): Promise<ApiAnswer> {
  const url = new URL(path, baseURL);
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.key !== undefined) headers['x-api-key'] = opts.key;
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port: url.port, path: url.pathname + url.search, method: opts.method ?? 'GET', headers, localAddress: opts.from ?? '127.0.0.1' },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: response.statusCode ?? 0, json: text ? JSON.parse(text) : {} });
        });
      },
    );
    request.on('error', reject);
    request.end(opts.body);
  });
}
