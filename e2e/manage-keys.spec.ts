import { expect, test, type Page } from '@playwright/test';
import { admin } from './accounts';
import { callApi, createKeyThroughUi, uniqueName } from './fixtures';
import { ApiKeyPage } from './pages/api-key-page';

test.use({ storageState: admin.storageState });

const slack = { headers: { 'x-integration-name': 'Slack', 'user-agent': 'slack-relay/3.2' } };
// A change reaches the API once the server's key cache hears of it; these wait for that with
// room to spare. How fast it happens is measured by `npm run check:invalidation`.
const EVENTUALLY = { timeout: 10_000, intervals: [50] };

/** Every test's own key: created in the UI, then called once by "Slack" so it has a caller. */
async function slackRelay(page: Page) {
  const name = uniqueName('Slack relay');
  const key = await createKeyThroughUi(page, { name, description: 'Posts feedback to #beta' });
  expect((await callApi('/api/v1/me', { key, ...slack })).status).toBe(200);
  const keyPage = new ApiKeyPage(page);
  await keyPage.open(name);
  await keyPage.waitForUseFrom('127.0.0.1');
  return { name, key, keyPage };
}

test('the key page shows details, who uses the key, and the request log', async ({ page }) => {
  const name = uniqueName('Slack relay');
  const key = await createKeyThroughUi(page, { name, description: 'Posts feedback to #beta' });
  expect((await callApi('/api/v1/me', { key, ...slack })).status).toBe(200);
  expect((await callApi('/api/v1/projects?page=abc', { key, ...slack })).status).toBe(400);

  const keyPage = new ApiKeyPage(page);
  await keyPage.open(name);
  await expect(keyPage.details()).toContainText('Posts feedback to #beta');
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole('table', { name: /integrations/i })).toContainText('Slack');
  }).toPass({ timeout: 10_000 });
  await expect(page.getByRole('table', { name: /integrations/i })).toContainText('slack-relay/3.2');
  await expect(page.getByRole('table', { name: /request/i })).toContainText('/api/v1/projects');
});

test('disabling shows the impact, asks, and breaks the key; enabling restores it', async ({ page }) => {
  const { key, keyPage } = await slackRelay(page);
  await keyPage.disable(/Used by 1 integration in the last 30 days: Slack/);
  await expect.poll(async () => (await callApi('/api/v1/me', { key })).json.error?.code, EVENTUALLY).toBe('key_disabled');
  await expect(keyPage.details().getByRole('term').filter({ hasText: /^Disabled$/ })).toBeVisible();

  await keyPage.enable();
  await expect.poll(async () => (await callApi('/api/v1/me', { key })).status, EVENTUALLY).toBe(200);
});

test('tightening IP limits first shows which recent callers would be refused', async ({ page }) => {
  const { name, key } = await slackRelay(page);
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
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect.poll(async () => (await callApi('/api/v1/me', { key })).json.error?.code, EVENTUALLY).toBe('ip_not_allowed');

  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByLabel('Limit access to IP addresses').fill('127.0.0.1\n::1');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('region', { name: 'Details' })).toContainText('127.0.0.1, ::1');
  await expect.poll(async () => (await callApi('/api/v1/me', { key })).status, EVENTUALLY).toBe(200);
});

test('an edit saved over someone else’s newer change is refused', async ({ page, browser }) => {
  const name = uniqueName('Slack relay');
  await createKeyThroughUi(page, { name, description: 'Posts feedback to #beta' });
  const other = await browser.newPage({ storageState: admin.storageState });
  const keyPage = new ApiKeyPage(page);
  await keyPage.open(name);
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
  const name = uniqueName('Slack relay');
  const key = await createKeyThroughUi(page, { name });
  const keyPage = new ApiKeyPage(page);
  await keyPage.open(name);
  const second = await keyPage.rotate('1 hour');
  expect(second).not.toBe(key);
  expect((await callApi('/api/v1/me', { key: second })).status).toBe(200);
  expect((await callApi('/api/v1/me', { key })).status).toBe(200);
  await expect(page.getByRole('status').filter({ hasText: 'Rotating — old secret valid until' })).toBeVisible();
  await page.goto('/admin/integration-center/api-keys');
  await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('Rotating — old secret valid until');

  await keyPage.open(name);
  const third = await keyPage.rotate('None: the old secret stops at once');
  await expect.poll(async () => (await callApi('/api/v1/me', { key: second })).json.error?.code, EVENTUALLY).toBe('key_expired');
  expect((await callApi('/api/v1/me', { key: third })).status).toBe(200);
});

test('an expiry chosen on creation shows on the key page', async ({ page }) => {
  const name = uniqueName('Quarterly export');
  await page.goto('/admin/integration-center/api-keys/new');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Expires').selectOption({ label: '90 days' });
  await page.getByRole('button', { name: 'Submit' }).click();
  await page.getByRole('dialog', { name: 'API key created' }).getByRole('button', { name: 'Done' }).click();
  const keyPage = new ApiKeyPage(page);
  await keyPage.open(name);
  const expected = new Date(Date.now() + 90 * 86_400_000).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  await expect(keyPage.details()).toContainText(expected);
});

test('deleting needs the key’s name typed, stops the key at once and keeps its history', async ({ page }) => {
  test.slow(); // a whole history, a second key, and the audit log read by id and by name
  // A key with a history: created, disabled, enabled, edited and rotated before it is deleted.
  const name = uniqueName('Slack relay');
  await createKeyThroughUi(page, { name });
  const keyPage = new ApiKeyPage(page);
  await keyPage.open(name);
  const id = keyPage.id();
  await keyPage.disable(/No integration has used this key in the last 30 days/);
  await keyPage.enable();
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByLabel('Description').fill('About to go');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Changes saved')).toBeVisible();
  await keyPage.open(name);
  const key = await keyPage.rotate('None: the old secret stops at once');

  await keyPage.delete(name);
  await expect(page.getByRole('link', { name, exact: true })).toHaveCount(0);
  await expect.poll(async () => (await callApi('/api/v1/me', { key })).json.error?.code, EVENTUALLY).toBe('invalid_key');

  // A link with the key's id, and the Key box with its name, show the same history: a search box,
  // not a list of every key.
  const entries = page.getByRole('region', { name: 'Audit log entries' });
  const history = async () => {
    for (const action of ['Created', 'Disabled', 'Enabled', 'Edited', 'Rotated', 'Deleted']) {
      await expect(entries.getByRole('row').filter({ has: page.getByRole('cell', { name: action, exact: true }) }), action).toHaveCount(1);
    }
  };
  await page.goto(`/admin/integration-center/audit-log?key=${id}`);
  await history();
  await expect(page.getByText(`Entries for the key ${name} (`)).toContainText('(deleted)');
  const keyBox = page.getByRole('searchbox', { name: 'Key' });
  await expect(keyBox).toHaveValue(id);
  await expect(page.getByRole('combobox', { name: 'Key' })).toHaveCount(0);

  const other = uniqueName('Bystander');
  await createKeyThroughUi(page, { name: other });
  await page.goto('/admin/integration-center/audit-log');
  await keyBox.fill(name.toUpperCase());
  await keyBox.press('Enter');
  await page.waitForURL((url) => url.searchParams.get('key') === name.toUpperCase());
  await history();
  await expect(entries.getByRole('row').filter({ hasText: other })).toHaveCount(0);
  await expect(entries.getByRole('row')).toHaveCount(1 + 6);
});
