import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { admin, member } from './accounts';
import { baseURL } from '../playwright.config';
import { createKeyThroughUi, hasCurl, runPasted, uniqueName } from './fixtures';
import { ApiKeyListPage, keysLoaded } from './pages/api-key-list-page';
import { ApiKeyPage } from './pages/api-key-page';
import { CreateApiKeyPage } from './pages/create-api-key-page';
import { openApiKeysByClickPath } from './pages/navigation';

test.describe('admin', () => {
  test.use({ storageState: admin.storageState });

  test('with no key: an empty list, and Enhanced Integrations hidden with the reason', async ({ page }) => {
    // The seeded community is shared by every spec: delete whatever keys earlier tests left, a page
    // at a time (the list shows 50). Tests run one at a time, workers: 1, and each seeds its own keys.
    const keyPage = new ApiKeyPage(page);
    const listed = async () => {
      await page.goto('/admin/integration-center/api-keys');
      await keysLoaded(page);
      return page.getByRole('table').getByRole('rowheader').getByRole('link').allTextContents();
    };
    for (let names = await listed(); names.length > 0; names = await listed()) {
      for (const name of names) {
        await keyPage.open(name);
        await keyPage.delete(name);
      }
    }

    await page.goto('/admin/integration-center');
    const enhanced = page.getByRole('region', { name: 'Enhanced Integrations' });
    await expect(enhanced).toContainText('hidden because your community has no valid API key');
    await expect(enhanced.getByRole('link', { name: 'Create an API Key' })).toBeVisible();

    await openApiKeysByClickPath(page);
    await expect(page.getByRole('heading', { name: 'No API keys yet' })).toBeVisible();
    await expect(page.getByRole('table')).toHaveCount(0);
  });

  test('creates a key by the click path, copies it once, and sees it listed by its hint', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openApiKeysByClickPath(page);
    await page.getByRole('link', { name: 'Create an API Key' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Create an API Key' })).toBeVisible();

    const name = uniqueName('Jira connector');
    const form = new CreateApiKeyPage(page);
    await form.fill({
      name,
      description: 'Creates Jira issues from bug reports',
      prefix: 'jira',
      ipLimits: '127.0.0.1\n::1\n10.0.0.0/8',
      notify: true,
    });
    await form.submit();

    const key = await form.createdKey();
    expect(key).toMatch(/^jira_[0-9A-Za-z]{46}$/);
    await form.expectWholeKeyShown();
    // exact: the dialog's other copy button is "Copy command".
    await form.dialog().getByRole('button', { name: 'Copy', exact: true }).click();
    await expect(page.getByText('API key copied to the clipboard')).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);

    // A command with the key in that runs as pasted, against this server.
    await expect(form.tryIt()).toContainText(`X-API-Key: ${key}`);
    await form.tryIt().getByRole('button', { name: 'Copy command' }).click();
    await expect(page.getByText('Command copied to the clipboard')).toBeVisible();
    const command = await page.evaluate(() => navigator.clipboard.readText());
    expect(command).toContain(`${baseURL}/api/v1/me`);

    await page.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'API Keys' })).toBeVisible();
    await expect(page.getByText(`API key “${name}” created`)).toBeVisible();
    // The new row is marked, and keyboard focus is on its link (not lost to the page body).
    const row = page.getByRole('row', { name: new RegExp(name) });
    await expect(row).toHaveAttribute('aria-current', 'true');
    await expect(row.getByText('New', { exact: true })).toBeVisible();
    await expect(row.getByRole('link', { name })).toBeFocused();
    await expect(row).toBeInViewport();
    await expect(row).toContainText(`jira_…${key.slice(-4)}`);
    await expect(row).toContainText('Enabled');
    await expect(row).toContainText('127.0.0.1, ::1, 10.0.0.0/8');
    // Expires: the 90-day default, relative; Last used: never.
    await expect(row.getByRole('cell', { name: /^in 3 months/ })).toBeVisible();
    await expect(row.getByRole('cell', { name: 'Never', exact: true })).toBeVisible();
    await expect(row).toContainText('Ada Admin');
    // The mark is for this arrival only: the address drops it, and a reload shows the row unmarked.
    await expect(page).not.toHaveURL(/created=/);
    await page.reload();
    await expect(row).toContainText('Ada Admin');
    await expect(row).not.toHaveAttribute('aria-current', 'true');
    await expect(row.getByText('New', { exact: true })).toHaveCount(0);

    // Shown once: neither the list, a reload, nor the back button brings the key back.
    expect(await page.content()).not.toContain(key);
    await page.goBack();
    await expect(page.getByRole('heading', { level: 1, name: 'Create an API Key' })).toBeVisible();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    expect(await page.content()).not.toContain(key);
    await page.reload();
    expect(await page.content()).not.toContain(key);

    await page.goto('/admin/integration-center');
    await expect(page.getByRole('region', { name: 'Enhanced Integrations' })).toContainText('/api/v1');

    // Last: the dialog's command, run as pasted, calls the API as this key (the list said "Never" used until now).
    if (hasCurl || process.env.CI) expect(runPasted(command)).toMatchObject({ name, hint: `jira_…${key.slice(-4)}` });
  });

  test('a new key expires in 90 days unless Never is chosen, which says what it means; the list marks a key in its last week', async ({ page }) => {
    await page.goto('/admin/integration-center/api-keys/new');
    const expires = page.getByLabel('Expires', { exact: true });
    await expect(expires).toHaveValue('90d');
    await expect(expires).not.toHaveAccessibleDescription(/never expires/);
    await expires.selectOption({ label: 'Never' });
    await expect(expires).toHaveAccessibleDescription(/A key that never expires keeps working until someone disables it/);

    const soon = uniqueName('Expiring soon');
    const form = new CreateApiKeyPage(page);
    await form.fill({ name: soon });
    await expires.selectOption({ label: 'Custom date' });
    await page.getByLabel('Expiry date').fill(new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10));
    await form.submit();
    await form.createdKey();
    await page.getByRole('button', { name: 'Done' }).click();

    // The end of the chosen day (UTC), 5 to 6 days from now: a warning in words, not colour alone.
    const cell = page.getByRole('row', { name: new RegExp(soon) }).getByRole('cell', { name: /^in [56] days/ });
    await expect(cell).toContainText('Expires soon');
    const time = cell.locator('time');
    await expect(time).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT23:59:59\.999Z$/);
    expect(Date.parse((await time.getAttribute('datetime'))!)).toBeGreaterThan(Date.now() + 5 * 86_400_000 - 86_400_000);
  });

  test('searches keys by name or hint, filters them by status and sorts them, all in the URL', async ({ page }) => {
    test.slow(); // two keys created and one disabled through the UI, then a dozen list views
    // Two keys of this test only: a word no other key has, in both names.
    const word = randomUUID().slice(0, 8);
    const alpha = { name: `Alpha ${word}`, key: '' };
    const beta = { name: `Beta ${word}`, key: '' };
    alpha.key = await createKeyThroughUi(page, { name: alpha.name, prefix: 'find' });
    beta.key = await createKeyThroughUi(page, { name: beta.name, prefix: 'find' });
    const list = new ApiKeyListPage(page);
    await list.open();

    // Typed and sent with Enter, as from the keyboard.
    await list.search(word.toUpperCase());
    await expect(page.getByText('2 keys match')).toBeVisible();
    expect(await list.names()).toEqual([beta.name, alpha.name]);

    // A hint as people type it, three dots for the ellipsis.
    await list.search(`find_...${alpha.key.slice(-4)}`);
    expect(await list.names()).toEqual([alpha.name]);

    await new ApiKeyPage(page).open(beta.name);
    await new ApiKeyPage(page).disable(/No integration has used this key in the last 30 days/);
    await list.open();
    await list.search(word, { Status: 'Disabled' });
    expect(await list.names()).toEqual([beta.name]);
    await list.search(word, { Status: 'Enabled', 'Sort by': 'Name (A–Z)' });
    await expect(page).toHaveURL(/status=enabled&sort=name/);
    expect(await list.names()).toEqual([alpha.name]);
    await list.search(word, { Status: 'All statuses', 'Sort by': 'Name (A–Z)' });
    expect(await list.names()).toEqual([alpha.name, beta.name]);

    // The URL is the view: a bookmark opens it as it was.
    await page.goto(page.url());
    await expect(list.searchBox()).toHaveValue(word);
    await expect(list.form().getByLabel('Sort by')).toHaveValue('name');
    expect(await list.names()).toEqual([alpha.name, beta.name]);

    await list.search(`${word}-nothing`);
    await expect(page.getByRole('heading', { name: `No keys match “${word}-nothing”` })).toBeVisible();
    await expect(page.getByRole('table')).toHaveCount(0);
    await page.getByRole('link', { name: 'Clear search' }).click();
    await expect(list.searchBox()).toHaveValue('');
    await expect(page.getByRole('link', { name: alpha.name, exact: true })).toBeVisible();
  });

  test('shows each bad input beside its field and creates nothing', async ({ page }) => {
    const taken = uniqueName('Jira connector');
    await createKeyThroughUi(page, { name: taken });
    await page.goto('/admin/integration-center/api-keys/new');
    const form = new CreateApiKeyPage(page);

    await form.submit();
    await expect(await form.errorFor('Name')).toHaveText('Enter a name');

    await form.fill({ name: 'x'.repeat(101), description: 'd'.repeat(501), prefix: '1Bad', ipLimits: '300.1.1.1\n10.0.0.1\n\n10.0.0.0/33\n::g' });
    await form.submit();
    await expect(await form.errorFor('Name')).toHaveText('Name must be at most 100 characters');
    await expect(await form.errorFor('Description')).toHaveText('Description must be at most 500 characters');
    await expect(await form.errorFor('Prefix')).toContainText('Prefix must be 2–16 characters');
    const ipError = await form.errorFor('Limit access to IP addresses');
    await expect(ipError).toContainText('"300.1.1.1"');
    await expect(ipError).toContainText('"10.0.0.0/33"');
    await expect(ipError).toContainText('"::g"');
    await expect(ipError).not.toContainText('"10.0.0.1"');
    await expect(page.getByRole('dialog')).toHaveCount(0);

    // The server's own check: a name taken in another case.
    await form.fill({ name: taken.toUpperCase() });
    await form.submit();
    await expect(await form.errorFor('Name')).toHaveText(`An API key named “${taken.toUpperCase()}” already exists. Choose another name.`);

    await page.goto('/admin/integration-center/api-keys');
    await keysLoaded(page);
    await expect(page.getByRole('row', { name: new RegExp(`${taken.toUpperCase()}|xxxxxxxx`) })).toHaveCount(0);
    await expect(page.getByRole('row', { name: new RegExp(taken) })).toHaveCount(1);
  });
});

test.describe('member', () => {
  test.use({ storageState: member.storageState });

  test('cannot reach the form', async ({ page }) => {
    const response = await page.goto('/admin/integration-center/api-keys/new');
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
    await expect(page.getByLabel('Name')).toHaveCount(0);
  });
});
