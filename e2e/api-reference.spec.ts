import { expect, test, type Page } from '@playwright/test';
import { API_ERRORS } from '../lib/api/errors';
import { API_KEY_SCAN_PATTERN } from '../lib/api-keys/key-pattern';
import { baseURL } from '../playwright.config';
import { admin } from './accounts';
import { createKeyThroughUi, expectAccessible, hasCurl, runPasted, uniqueName } from './fixtures';

type Operation = { operationId: string; tags: string[]; 'x-codeSamples': { source: string }[] };
type Document = { paths: Record<string, Record<string, Operation>> };

async function operations(page: Page) {
  const document = (await (await page.request.get('/api/v1/openapi.json')).json()) as Document;
  return Object.entries(document.paths).flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => ({ path, method: method.toUpperCase(), ...operation })));
}

// Scalar loads a 4.8 MB bundle, then the document, before it renders: more than expect's 5 s on a busy 2-core machine.
const RENDERED = { timeout: 30_000 };

/** Shows one operation of the reference (Scalar's own hash route) and returns the card of its curl example. */
async function showOperation(page: Page, operation: Operation & { path: string; method: string }) {
  await page.goto(`/docs/api#tag/${operation.tags[0].toLowerCase()}/${operation.method}${operation.path}`);
  // The operation's own example, not the Getting started one (which repeats GET /api/v1/me after an export line).
  const example = page.locator('pre', { hasText: operation['x-codeSamples'][0].source, hasNotText: 'export API_KEY' });
  await expect(example).toBeVisible(RENDERED);
  return page.locator('div').filter({ has: example }).filter({ has: page.getByRole('button', { name: COPY }) }).last();
}

/** Scalar's copy button on a code block: "Copy Shell code", or "Copy code" on a one-line block. */
const COPY = /^Copy (Shell )?code$/;

test.describe('signed out', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('the API reference is public, rendered by the app from its OpenAPI document, and fetches nothing from elsewhere', async ({ page }) => {
    const elsewhere: string[] = [];
    const fonts: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).origin !== new URL(baseURL).origin) elsewhere.push(request.url());
      if (request.resourceType() === 'font') fonts.push(request.url());
    });
    const documentLoaded = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/v1/openapi.json');
    await page.goto('/docs/api');
    expect((await documentLoaded).status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1, name: 'API reference' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Integration Center API' })).toBeVisible(RENDERED);

    // What an integration developer needs before the operations: key format, permissions, rate limits, errors.
    for (const heading of ['Authentication', 'Key format (for secret scanners)', 'Permissions', 'Rate limits', 'Errors']) {
      await expect(page.getByRole('heading', { name: heading, exact: true })).toBeVisible();
    }
    await expect(page.getByText(API_KEY_SCAN_PATTERN, { exact: true })).toBeVisible();
    for (const code of Object.keys(API_ERRORS)) await expect(page.getByRole('cell', { name: code, exact: true })).toBeVisible();

    // Every operation, each with its curl example.
    for (const operation of await operations(page)) await showOperation(page, operation);

    await page.waitForLoadState('networkidle');
    expect(elsewhere).toEqual([]);
    expect(fonts).toEqual([]);
  });

  test('the API reference passes axe with no serious or critical violations', async ({ page }) => {
    await page.goto('/docs/api');
    await expect(page.getByRole('heading', { name: 'Integration Center API' })).toBeVisible(RENDERED);
    await expectAccessible(page);
  });
});

test.describe('admin', () => {
  test.use({ storageState: admin.storageState });

  test('every curl example, copied from the reference, works as pasted with a key made in the UI', async ({ page, context }) => {
    // CI installs curl (.ci/run), so there it runs; a developer's machine without curl skips it.
    test.skip(!hasCurl && !process.env.CI, 'curl is not installed on this machine');
    const apiKey = await createKeyThroughUi(page, { name: uniqueName('Docs reader') });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    // The shell a reader pastes into: API_KEY exported, PROJECT_ID once List projects has shown one.
    const shell: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', API_KEY: apiKey };

    for (const operation of await operations(page)) {
      const card = await showOperation(page, operation);
      await card.getByRole('button', { name: COPY }).click();
      const pasted = await page.evaluate(() => navigator.clipboard.readText());
      expect(pasted, operation.operationId).toBe(operation['x-codeSamples'][0].source);

      const answer = runPasted(pasted, shell) as { error?: unknown; data: { id: string }[] };
      expect(answer.error, `${operation.operationId}: ${JSON.stringify(answer.error)}`).toBeUndefined();
      if (operation.operationId === 'listProjects') shell.PROJECT_ID = answer.data[0].id;
      if (operation.operationId === 'createFeedback') expect(answer).toMatchObject({ projectId: shell.PROJECT_ID, title: 'Hello', kind: 'idea' });
    }
  });
});
