import { expect, test } from '@playwright/test';
import { admin } from './accounts';
import { callApi, createKeyThroughUi, expectAccessible, uniqueName } from './fixtures';
import { ApiKeyPage } from './pages/api-key-page';

test.use({ storageState: admin.storageState });

test('the chart splits refusals from client errors; a log row and a pasted request id open the request’s detail', async ({ page }) => {
  // Seven page loads and two axe runs: more than one default timeout's worth on a busy machine.
  test.slow();
  const name = uniqueName('Ticket sync');
  const key = await createKeyThroughUi(page, { name });
  const allowed = await callApi('/api/v1/me', { key });
  expect(allowed.status).toBe(200);
  const missing = await callApi('/api/v1/nowhere', { key });
  expect(missing.status).toBe(404);
  const requestId = missing.json.error?.requestId as string;
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

  const keyPage = new ApiKeyPage(page);
  await keyPage.open(name);
  const keyId = keyPage.id();
  const usage = page.getByRole('region', { name: 'Usage' });
  // Usage is written in batches within about a second: reload, as a person would, until it shows.
  await expect(async () => {
    await page.reload();
    await expect(usage).toContainText('2 requests: 1 allowed, 1 client error', { timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  await expect(usage.getByRole('list', { name: 'Chart legend' })).toHaveText(/Allowed\s*Refused by the key’s rules\s*Client errors\s*Server errors/);

  // The log row opens the request: everything recorded, and the error the integration was sent.
  await page.getByRole('table', { name: /^Requests made with this key/ }).getByRole('link', { name: 'GET /api/v1/nowhere' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'GET /api/v1/nowhere' })).toBeVisible();
  const detail = page.getByRole('region', { name: 'Request', exact: true });
  await expect(detail).toContainText(requestId);
  await expect(detail).toContainText('Not found');
  await expect(detail).toContainText('The API answered: not_found — Nothing was found here.');
  await expect(detail).toContainText('127.0.0.1');
  await expectAccessible(page);

  // A request id pasted from an error body (with the quotes around it) finds the request.
  // The detail page has the box too: wait for the key's page, so the id goes into its box.
  await page.getByRole('link', { name: `Back to ${name}` }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  const find = page.getByRole('search', { name: 'Find a request by ID' });
  await find.getByLabel('Find a request by ID').fill(` "${requestId}" `);
  await find.getByRole('button', { name: 'Find' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'GET /api/v1/nowhere' })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe(`/admin/integration-center/api-keys/${keyId}/requests/${requestId}`);

  // An id no request has is said to be unknown, and the box stays for another try.
  await page.getByRole('search', { name: 'Find a request by ID' }).getByLabel('Find a request by ID').fill('00000000-0000-4000-8000-000000000000');
  await page.getByRole('button', { name: 'Find' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Find a request' })).toBeVisible();
  await expect(page.getByText('No request with ID 00000000-0000-4000-8000-000000000000 was recorded for this community')).toBeVisible();
  await expectAccessible(page);
});
