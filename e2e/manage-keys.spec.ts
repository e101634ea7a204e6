import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { admin } from './accounts';
import { callApi, createKeyThroughUi, uniqueName } from './fixtures';
import { ApiKeyPage } from './pages/api-key-page';

test.use({ storageState: admin.storageState });

const slack = { headers: { 'x-integration-name': 'Slack', 'user-agent': 'slack-relay/3.2' } };
// A change reaches the API once the server's key cache hears of it; these wait for that with
// room to spare. How fast it happens is measured by `npm run check:invalidation`.
const EVENTUALLY = { timeout: 10_000, intervals: [50] };
/** The rotation line with a 1-hour grace period, on one line. */
const ONE_HOUR_LEFT = /Old secret valid until \d{1,2} \w{3} \d{4}, \d\d:\d\d UTC, 1 hour from now/;

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

  // Times read relative to now, in a <time> carrying the instant, exact on hover.
  const lastUsed = keyPage.detail('Last used').locator('time');
  await expect(lastUsed).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  await expect(lastUsed).toHaveText(/^(just now|\d+ minutes? ago) \(\d{1,2} \w{3} \d{4}, \d\d:\d\d:\d\d UTC\)$/);
  await expect(lastUsed).toHaveAttribute('title', /^\d{1,2} \w{3} \d{4}, \d\d:\d\d:\d\d UTC$/);
  await expect(page.getByRole('table', { name: /request/i }).locator('time').first()).toHaveText(/^(just now|\d+ minutes? ago)/);
});

test.describe('in the reader’s own time zone', () => {
  test.use({ timezoneId: 'America/New_York' });

  test('the exact time on hover gives local time and UTC, and the page hydrates without a mismatch', async ({ page }) => {
    const errors: string[] = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    page.on('pageerror', (error) => errors.push(error.message));
    const name = uniqueName('Zoned');
    await createKeyThroughUi(page, { name });
    const keyPage = new ApiKeyPage(page);
    await keyPage.open(name);
    await page.reload();
    const created = keyPage.detail('Created').locator('time');
    await expect(created).toHaveAttribute('title', /^\d{1,2} \w{3} \d{4}, \d\d:\d\d:\d\d E[SD]T \(your time\) · \d{1,2} \w{3} \d{4}, \d\d:\d\d:\d\d UTC$/);
    await page.goto('/admin/integration-center/api-keys');
    await expect(page.getByRole('row', { name: new RegExp(name) }).locator('time').first()).toHaveAttribute('title', /E[SD]T \(your time\)/);
    expect(errors.filter((text) => /hydrat|#418|#423|#425/i.test(text))).toEqual([]);
  });
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
  const second = await keyPage.rotate('1 hour', async (shown) => {
    // The dialog names the key alone; what happens to the old secret is a line of its own.
    await expect(shown.locator('strong')).toHaveText(name);
    await expect(shown).toContainText(ONE_HOUR_LEFT);
  });
  expect(second).not.toBe(key);
  expect((await callApi('/api/v1/me', { key: second })).status).toBe(200);
  expect((await callApi('/api/v1/me', { key })).status).toBe(200);
  await expect(page.getByRole('status').filter({ hasText: ONE_HOUR_LEFT })).toBeVisible();
  await page.goto('/admin/integration-center/api-keys');
  await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('Old secret ends in 1 hour');

  await keyPage.open(name);
  const third = await keyPage.rotate('None: the old secret stops at once');
  await expect.poll(async () => (await callApi('/api/v1/me', { key: second })).json.error?.code, EVENTUALLY).toBe('key_expired');
  expect((await callApi('/api/v1/me', { key: third })).status).toBe(200);
});

test('a disabled key shows no rotation: its old secret does not work either', async ({ page }) => {
  const name = uniqueName('Slack relay');
  await createKeyThroughUi(page, { name });
  const keyPage = new ApiKeyPage(page);
  await keyPage.open(name);
  await keyPage.rotate('1 hour');
  await expect(page.getByRole('status').filter({ hasText: ONE_HOUR_LEFT })).toBeVisible();
  await keyPage.disable(/No integration has used this key/);
  await expect(page.getByText('Old secret valid until')).toHaveCount(0);
  await page.goto('/admin/integration-center/api-keys');
  await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('Disabled');
  await expect(page.getByRole('row', { name: new RegExp(name) })).not.toContainText('Old secret');

  await keyPage.open(name);
  await keyPage.enable();
  await expect(page.getByRole('status').filter({ hasText: ONE_HOUR_LEFT })).toBeVisible();
});

test('an expiry chosen on creation shows on the key page', async ({ page }) => {
  const name = uniqueName('Quarterly export');
  await page.goto('/admin/integration-center/api-keys/new');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Expires', { exact: true }).selectOption({ label: '30 days' });
  await page.getByRole('button', { name: 'Submit' }).click();
  await page.getByRole('dialog', { name: 'API key created' }).getByRole('button', { name: 'Done' }).click();
  const keyPage = new ApiKeyPage(page);
  await keyPage.open(name);
  // Relative ("in 1 month"), with the exact day in UTC for screen readers and on hover.
  const expected = new Date(Date.now() + 30 * 86_400_000).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const expires = keyPage.detail('Expires');
  await expect(expires).toContainText('in 1 month');
  await expect(expires.locator('time')).toHaveAttribute('title', new RegExp(`^${expected}, \\d\\d:\\d\\d:\\d\\d UTC$`));
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

test('the list, a rotating key’s page and the create form pass axe with no serious or critical violations', async ({ page }) => {
  test.slow(); // axe reads every node of three pages
  const { keyPage } = await slackRelay(page);
  await keyPage.rotate('1 hour');
  const pages = { list: '/admin/integration-center/api-keys', key: page.url(), create: '/admin/integration-center/api-keys/new' };
  for (const [which, url] of Object.entries(pages)) {
    await page.goto(url);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    if (which === 'key') await expect(page.getByRole('status').filter({ hasText: ONE_HOUR_LEFT })).toBeVisible();
    const { violations } = await new AxeBuilder({ page }).analyze();
    const serious = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    expect(serious.map(({ id, nodes }) => `${which}: ${id}: ${nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
  }
});
