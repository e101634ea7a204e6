import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { expect, test } from '@playwright/test';
import { callApi, createKeyThroughUi, uniqueName } from './fixtures';
import { OWN_SERVER_PORTS, ownServerFor } from './own-server';
import { SignInPage } from './pages/sign-in-page';

/**
 * A battery of hostile calls through the real server (server.ts and the production build), then
 * the whole log it wrote and its whole database are searched for the key: nothing may hold it.
 * This spec starts a server of its own, logging every request, on a database on disk, so both can
 * be read afterwards.
 */
const own = ownServerFor('hostile', OWN_SERVER_PORTS.hostileInput);
const port = OWN_SERVER_PORTS.hostileInput;
const server = own.url;
const { adminPassword, pgliteDir } = own;

test.use({ baseURL: server, storageState: { cookies: [], origins: [] } });
test.describe.configure({ timeout: 240_000 });

/** CONNECT through Node's client: the answer arrives as a 'connect' event with the socket. */
function connect(target: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, method: 'CONNECT', path: target });
    request.on('connect', (response, socket, head) => {
      let body = head.toString('utf8');
      socket.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      socket.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

/** Every file under a directory, read whole: the database's tables, indexes and write-ahead log. */
function filesUnder(dir: string): { file: string; bytes: Buffer }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => ({ file: path.join(entry.parentPath, entry.name), bytes: readFileSync(path.join(entry.parentPath, entry.name)) }));
}

test('a key sent anywhere in a URL is refused, and neither the log nor the database ever holds it', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn('admin@example.com', adminPassword);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  const key = await createKeyThroughUi(page, { name: uniqueName('Careless integration') });
  const hint = `${key.slice(0, key.lastIndexOf('_'))}_…${key.slice(-4)}`;
  // The secret part: what a log line or a row must never contain, whatever surrounds it.
  const secret = key.slice(key.lastIndexOf('_') + 1, -4);
  const encoded = key.replaceAll('_', '%5F');
  const json = { 'content-type': 'application/json' };

  const battery: [string, Parameters<typeof callApi>[1], number, string][] = [
    [`/api/v1/me?apiKey=${key}`, {}, 400, 'key_in_url'],
    [`/api/v1/me?API_KEY=${key}`, { key }, 400, 'key_in_url'],
    [`/api/v1/me?x-api-key=${key}`, {}, 400, 'key_in_url'],
    [`/api/v1/projects?page=1&q=${key}`, { key }, 400, 'key_in_url'],
    [`/api/v1/${key}`, {}, 400, 'key_in_url'],
    [`/api/v1/me/${key}`, { key }, 400, 'key_in_url'],
    [`/api/v1/me;key=${key}`, {}, 400, 'key_in_url'],
    [`/api/v1/projects/${key}`, { key }, 400, 'key_in_url'],
    [`/api/v1/me/${encoded}`, {}, 400, 'key_in_url'],
    [`/api/v1/feedback/${key}`, { key, method: 'POST', headers: json, body: '{}' }, 400, 'key_in_url'],
    ['/api/v1/me', { method: 'TRACE' }, 405, 'method_not_allowed'],
    [`/api/v1/${key}`, { method: 'TRACE', key }, 405, 'method_not_allowed'],
    ['/api/v1/me', { method: 'PROPFIND', key }, 405, 'method_not_allowed'],
    ['/api/v1/openapi.json', { method: 'POST', headers: json, body: '{}' }, 405, 'method_not_allowed'],
    ['/api/v1/me', { key, headers: { 'user-agent': `careless-bot/1.0 (${key})`, 'x-integration-name': key } }, 200, ''],
    ['/api/v1/me', { key: `${key}x` }, 401, 'invalid_key'],
  ];
  for (const [url, options, status, code] of battery) {
    const answer = await callApi(url, { ...options, server });
    expect(answer.status, url).toBe(status);
    if (code) expect(answer.json.error?.code, url).toBe(code);
  }
  const nul = await callApi('/api/v1/feedback', { key, method: 'POST', headers: json, body: '{"projectId":"x","title":"a\\u0000b","body":"b","kind":"bug"}', server });
  expect(nul).toMatchObject({ status: 400, json: { error: { code: 'validation_failed', fields: { title: [expect.stringContaining('NUL')] } } } });
  // Pages are not the API, but their requests are logged too.
  for (const url of [`/${key}`, `/admin/${key}?key=${key}`]) await page.goto(url);
  expect(await connect(`${key}:443`)).toMatchObject({ status: 405, body: expect.stringContaining('"code":"method_not_allowed"') });

  // Stopping flushes the buffered usage rows and closes the database cleanly.
  expect(await own.running().stop()).toBe(0);
  const log = own.log();

  expect(log).toContain(`"path":"/api/v1/me/${hint}"`);
  expect(log).toContain('"method":"CONNECT"');
  expect(log.split(secret).length - 1, 'occurrences of the key in the server log').toBe(0);

  const db = new PGlite(pgliteDir);
  try {
    const { rows } = await db.query<{ path: string; outcome: string; user_agent: string | null; integration_name: string | null }>(
      'select path, outcome, user_agent, integration_name from api_requests',
    );
    expect(rows.filter((row) => row.outcome === 'key_in_url')).toHaveLength(battery.filter(([, , , code]) => code === 'key_in_url').length);
    expect(rows.map((row) => row.path)).toContain(`/api/v1/${hint}`);
    expect(rows).toContainEqual({ path: '/api/v1/me', outcome: 'ok', user_agent: `careless-bot/1.0 (${hint})`, integration_name: hint });
    expect(JSON.stringify(rows).split(secret).length - 1, 'occurrences of the key in api_requests').toBe(0);
  } finally {
    await db.close();
  }
  // The rows are on disk as written (the redacted path is found there), and the key is nowhere.
  const files = filesUnder(pgliteDir);
  expect(files.some(({ bytes }) => bytes.includes(`/api/v1/${hint}`))).toBe(true);
  const holding = files.filter(({ bytes }) => bytes.includes(secret)).map(({ file }) => path.relative(pgliteDir, file));
  expect(holding, 'database files holding the key').toEqual([]);
});
