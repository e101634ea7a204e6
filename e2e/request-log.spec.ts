import { expect, test } from '@playwright/test';
import { admin } from './accounts';
import { callApi, createKeyThroughUi, uniqueName } from './fixtures';
import { ApiKeyPage } from './pages/api-key-page';

test.use({ storageState: admin.storageState });

test('the request log pages by Older and Newer links, jumps to either end, filtered, with the last 30 days’ count', async ({ page }) => {
  const name = uniqueName('Nightly export');
  const key = await createKeyThroughUi(page, { name });
  // 27 allowed calls and 3 refused ones (a path that does not exist): 30 rows, more than a 25-row page.
  for (let i = 0; i < 27; i++) expect((await callApi('/api/v1/me', { key })).status).toBe(200);
  for (let i = 0; i < 3; i++) expect((await callApi(`/api/v1/nowhere-${i}`, { key })).status).toBe(404);

  const keyPage = new ApiKeyPage(page);
  await keyPage.open(name);
  const log = page.getByRole('region', { name: 'Request log', exact: true });
  const rows = page.getByRole('table', { name: /^Requests made with this key/ }).getByRole('row');
  const pages = page.getByRole('navigation', { name: 'Request log pages' });
  // Usage is written in batches within about a second: reload, as a person would, until it shows.
  await expect(async () => {
    await page.reload();
    await expect(log).toContainText('30 requests in the last 30 days, newest first', { timeout: 1_000 });
  }).toPass({ timeout: 10_000 });

  // The newest page: 25 rows (and the header row), the refused calls first, no Newer link.
  await expect(rows).toHaveCount(26);
  await expect(rows.nth(1)).toContainText('/api/v1/nowhere-2');
  await expect(pages.getByRole('link', { name: 'Newer' })).toHaveCount(0);
  await pages.getByRole('link', { name: 'Older' }).click();
  await expect(rows).toHaveCount(6);
  await expect(rows.last()).toContainText('/api/v1/me');
  expect(new URL(page.url()).searchParams.get('before')).toMatch(/^[A-Za-z0-9_-]+$/);
  await expect(pages.getByRole('link', { name: 'Older' })).toHaveCount(0);
  await pages.getByRole('link', { name: 'Newer' }).click();
  await expect(rows).toHaveCount(26);
  await expect(rows.nth(1)).toContainText('/api/v1/nowhere-2');

  // Oldest jumps to the first calls ever made (a full page of them), and Newest comes back.
  await pages.getByRole('link', { name: 'Oldest' }).click();
  await expect(rows).toHaveCount(26);
  await expect(rows.last()).toContainText('/api/v1/me');
  await expect(pages.getByRole('link', { name: 'Older' })).toHaveCount(0);
  await expect(pages.getByRole('link', { name: 'Oldest' })).toHaveCount(0);
  await pages.getByRole('link', { name: 'Newest' }).click();
  await expect(rows.nth(1)).toContainText('/api/v1/nowhere-2');
  await expect(pages.getByRole('link', { name: 'Newest' })).toHaveCount(0);

  // A filter starts again at its own newest page.
  await log.getByLabel('Outcome').selectOption('denied');
  await log.getByRole('button', { name: 'Filter' }).click();
  await expect(log).toContainText('3 denied requests in the last 30 days');
  await expect(rows).toHaveCount(4);
  await expect(pages).toHaveCount(0);
});
