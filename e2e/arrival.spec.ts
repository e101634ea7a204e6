import { expect, test, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { admin, member } from './accounts';
import { createKeyThroughUi, expectAccessible, uniqueName } from './fixtures';
import { CreateApiKeyPage } from './pages/create-api-key-page';

// Where focus lands when a page arrives, what shows while it loads, and the new key's dialog on a phone.

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });

/**
 * Holds the browser's requests for a page's content (not its prefetches) until released, so the
 * test sees the page loading for as long as it needs.
 */
async function holdPage(page: Page, path: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(`**${path}?*`, async (route) => {
    const headers = route.request().headers();
    const prefetch = Object.keys(headers).some((name) => name.includes('prefetch'));
    if (headers.rsc && !prefetch) await released;
    await route.continue();
  });
  return release;
}

test.describe('admin', () => {
  test.use({ storageState: admin.storageState });

  test('a page load leaves focus at the top; after a link, focus is on the new page’s heading', async ({ page }) => {
    await page.goto('/admin/integration-center');
    await page.waitForLoadState('networkidle');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();

    await page.getByRole('main').getByRole('link', { name: /API Keys/ }).click();
    await expect(heading(page, 'API Keys')).toBeFocused();
    // Next's route announcer reads the new title out.
    await expect(page.getByRole('alert').filter({ hasText: 'API Keys · Integration Center' })).toBeAttached();

    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Integration center' }).click();
    await expect(heading(page, 'Integration center')).toBeFocused();

    // By keyboard through the community menu: focus does not fall back to the menu's button…
    await page.getByRole('button', { name: 'Community logo' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('menuitem', { name: 'Community configuration' })).toBeVisible();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('menuitem', { name: 'Community configuration' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(heading(page, 'Community configuration')).toBeFocused();
    // …and Tab goes on from the heading, into the page.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('main').getByRole('link', { name: /^Integration center/ })).toBeFocused();
  });

  test('a slow page says it is loading, then focus lands on its heading', async ({ page }) => {
    const loading = page.getByRole('status').filter({ hasText: 'Loading the audit log…' });
    let release = () => {};
    // The router shows the loading state it prefetched when the pointer came over the link. When
    // the click beats the router to that prefetch, the page shows nothing until the held answer
    // comes: then a person would try again, and so does this test.
    await expect(async () => {
      release();
      await page.unrouteAll({ behavior: 'ignoreErrors' });
      await page.goto('/admin/integration-center');
      release = await holdPage(page, '/admin/integration-center/audit-log');
      const link = page.getByRole('main').getByRole('link', { name: /Audit log/ });
      const prefetched = page.waitForResponse((response) => {
        const headers = response.request().headers();
        return response.url().includes('/audit-log?') && headers['next-router-prefetch'] === '1' && !headers['next-router-segment-prefetch'];
      });
      await link.hover();
      await prefetched;
      await link.click();
      await expect(loading).toBeVisible({ timeout: 3_000 });
    }).toPass({ timeout: 20_000 });
    await expectAccessible(page);

    release();
    await expect(heading(page, 'Audit log')).toBeFocused();
    await expect(loading).toHaveCount(0);
  });

  test('the API Keys list and a key’s page send their header at once and their data after a loading state', async ({ page }) => {
    const name = uniqueName('Streamed key');
    await createKeyThroughUi(page, { name });
    const keyPath = await page.getByRole('row', { name: new RegExp(name) }).getByRole('link', { name }).getAttribute('href');
    // One response each, in order: heading, loading state, then what the state stood for.
    for (const [path, loading, content] of [
      [`/admin/integration-center/api-keys?q=${encodeURIComponent(name)}`, 'Loading API keys…', `>${name}</a>`],
      [keyPath as string, 'Loading the request log…', 'Request log</h2>'],
    ]) {
      const html = await (await page.request.get(path)).text();
      const at = [html.indexOf('</h1>'), html.indexOf(loading), html.indexOf(content)];
      expect(at.every((index) => index > 0), `${path}: ${at}`).toBe(true);
      expect([...at].sort((a, b) => a - b), path).toEqual(at);
    }
    // A key that is not there is a 404, decided before anything streams.
    expect((await page.request.get(`/admin/integration-center/api-keys/${randomUUID()}`)).status()).toBe(404);
    // In the browser the loading states are gone once the data is there.
    await page.goto(keyPath as string);
    await expect(page.getByRole('heading', { level: 2, name: 'Request log' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: /^Loading/ })).toHaveCount(0);
  });

  test('on a phone, the new key’s dialog shows the whole key and its command, and the list marks the key', async ({ page }) => {
    test.slow(); // two axe passes besides creating a key
    await page.setViewportSize({ width: 390, height: 844 });
    const name = uniqueName('Phone key');
    await page.goto('/admin/integration-center/api-keys/new');
    const form = new CreateApiKeyPage(page);
    await form.fill({ name, prefix: 'a-long-prefix-16' });
    await form.submit();
    const key = await form.createdKey();
    await form.expectWholeKeyShown();
    await expect(form.tryIt()).toContainText(key);
    await expectAccessible(page);

    await form.dialog().getByRole('button', { name: 'Done' }).click();
    const row = page.getByRole('row', { name: new RegExp(name) });
    await expect(row.getByRole('link', { name })).toBeFocused();
    await expect(row).toHaveAttribute('aria-current', 'true');
    await expectAccessible(page);
  });
});

test.describe('member', () => {
  test.use({ storageState: member.storageState });

  test('pages with a loading state still answer 403 before anything streams', async ({ page }) => {
    for (const path of ['/admin/integration-center/audit-log', `/admin/integration-center/api-keys/${randomUUID()}`, '/admin/integration-center/api-keys/new']) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
    }
  });
});

test.describe('signed out', () => {
  test('a page with a loading state redirects to sign-in over HTTP, with the way back', async ({ page }) => {
    const response = await page.goto('/admin/integration-center/audit-log?action=api_key.created');
    const first = await response?.request().redirectedFrom()?.response();
    expect(first?.status()).toBe(307);
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fadmin%2Fintegration-center%2Faudit-log%3Faction%3Dapi_key\.created$/);
  });
});
