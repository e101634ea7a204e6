import { expect, test } from '@playwright/test';
import { admin } from './accounts';
import { callApi, createKeyThroughUi } from './fixtures';
import { ApiKeyPage } from './pages/api-key-page';

test.describe.configure({ mode: 'serial' });
test.use({ storageState: admin.storageState });

const slack = { headers: { 'x-integration-name': 'Slack', 'user-agent': 'slack-relay/3.2' } };
let key: string;

test('the key page shows details, who uses the key, and the request log', async ({ page }) => {
  key = await createKeyThroughUi(page, { name: 'Slack relay', description: 'Posts feedback to #beta' });
  expect((await callApi('/api/v1/me', { key, ...slack })).status).toBe(200);
  expect((await callApi('/api/v1/projects?page=abc', { key, ...slack })).status).toBe(400);

  const keyPage = new ApiKeyPage(page);
  await keyPage.open('Slack relay');
  await expect(page.getByRole('region', { name: 'Details' })).toContainText('Posts feedback to #beta');
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole('table', { name: /integrations/i })).toContainText('Slack');
  }).toPass({ timeout: 10_000 });
  await expect(page.getByRole('table', { name: /integrations/i })).toContainText('slack-relay/3.2');
  await expect(page.getByRole('table', { name: /request/i })).toContainText('/api/v1/projects');
});

test('disabling shows the impact, asks, and breaks the key within a second; enabling restores it', async ({ page }) => {
  const keyPage = new ApiKeyPage(page);
  await keyPage.open('Slack relay');
  await keyPage.disable(/Used by 1 integration in the last 30 days: Slack/);
  await expect.poll(async () => (await callApi('/api/v1/me', { key })).json.error?.code, { timeout: 1000, intervals: [50] }).toBe('key_disabled');
  await expect(page.getByText('Disabled', { exact: true }).first()).toBeVisible();

  await keyPage.enable();
  await expect.poll(async () => (await callApi('/api/v1/me', { key })).status, { timeout: 1000, intervals: [50] }).toBe(200);
});

test('tightening IP limits first shows which recent callers would be refused', async ({ page }) => {
  const keyPage = new ApiKeyPage(page);
  await keyPage.open('Slack relay');
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByLabel('Limit access to IP addresses').fill('10.0.0.0/8');
  await page.getByRole('button', { name: 'Save changes' }).click();
  const dryRun = page.getByRole('dialog', { name: 'These callers would be refused' });
  await expect(dryRun).toContainText('127.0.0.1');
  await expect(dryRun).toContainText('Slack');
  await dryRun.getByRole('button', { name: 'Keep editing' }).click();
  expect((await callApi('/api/v1/me', { key })).status).toBe(200);

  await page.getByRole('button', { name: 'Save changes' }).click();
  await dryRun.getByRole('button', { name: 'Save and refuse them' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Slack relay' })).toBeVisible();
  await expect.poll(async () => (await callApi('/api/v1/me', { key })).json.error?.code, { timeout: 1000, intervals: [50] }).toBe('ip_not_allowed');

  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByLabel('Limit access to IP addresses').fill('127.0.0.1\n::1');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('region', { name: 'Details' })).toContainText('127.0.0.1, ::1');
  await expect.poll(async () => (await callApi('/api/v1/me', { key })).status, { timeout: 1000, intervals: [50] }).toBe(200);
});

test('an edit saved over someone else’s newer change is refused', async ({ page, browser }) => {
  const other = await browser.newPage({ storageState: admin.storageState });
  const keyPage = new ApiKeyPage(page);
  await keyPage.open('Slack relay');
  const editUrl = `${page.url()}/edit`;
  await page.goto(editUrl);
  await other.goto(editUrl);

  await other.getByLabel('Description').fill('Changed by the other admin');
  await other.getByRole('button', { name: 'Save changes' }).click();
  await expect(other.getByText('Changes saved')).toBeVisible();

  await page.getByLabel('Description').fill('My stale change');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Someone else changed this key' })).toBeVisible();
  await other.close();
});

test('rotating keeps the old secret working for the grace period, then “none” expires it at once', async ({ page }) => {
  const keyPage = new ApiKeyPage(page);
  await keyPage.open('Slack relay');
  const second = await keyPage.rotate('1 hour');
  expect(second).not.toBe(key);
  expect((await callApi('/api/v1/me', { key: second })).status).toBe(200);
  expect((await callApi('/api/v1/me', { key })).status).toBe(200);
  await expect(page.getByRole('status').filter({ hasText: 'Rotating — old secret valid until' })).toBeVisible();
  await page.goto('/admin/integration-center/api-keys');
  await expect(page.getByRole('row', { name: /Slack relay/ })).toContainText('Rotating — old secret valid until');

  await keyPage.open('Slack relay');
  const third = await keyPage.rotate('None: the old secret stops at once');
  await expect.poll(async () => (await callApi('/api/v1/me', { key: second })).json.error?.code, { timeout: 1000, intervals: [50] }).toBe('key_expired');
  expect((await callApi('/api/v1/me', { key: third })).status).toBe(200);
  key = third;
});

test('an expiry chosen on creation shows on the key page', async ({ page }) => {
  await page.goto('/admin/integration-center/api-keys/new');
  await page.getByLabel('Name').fill('Quarterly export');
  await page.getByLabel('Expires').selectOption({ label: '90 days' });
  await page.getByRole('button', { name: 'Submit' }).click();
  await page.getByRole('dialog', { name: 'API key created' }).getByRole('button', { name: 'Done' }).click();
  const keyPage = new ApiKeyPage(page);
  await keyPage.open('Quarterly export');
  const expected = new Date(Date.now() + 90 * 86_400_000).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  await expect(page.getByRole('region', { name: 'Details' })).toContainText(expected);
});

test('deleting needs the key’s name typed, stops the key at once and keeps its history', async ({ page }) => {
  const keyPage = new ApiKeyPage(page);
  await keyPage.open('Slack relay');
  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = keyPage.dialog(/^Delete/);
  await expect(dialog).toContainText('This cannot be undone');
  const confirm = dialog.getByRole('button', { name: 'Delete key' });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Type “Slack relay” to confirm').fill('Slack relay');
  await confirm.click();
  await expect(page.getByRole('heading', { level: 1, name: 'API Keys' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Slack relay', exact: true })).toHaveCount(0);
  await expect.poll(async () => (await callApi('/api/v1/me', { key })).json.error?.code, { timeout: 1000, intervals: [50] }).toBe('invalid_key');

  await page.goto('/admin/integration-center/audit-log');
  for (const action of ['Created', 'Disabled', 'Enabled', 'Edited', 'Rotated', 'Deleted']) {
    await expect(page.getByRole('table').getByText(action, { exact: true }).first()).toBeVisible();
  }
});
