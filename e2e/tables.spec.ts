import { expect, test, type Locator, type Page } from '@playwright/test';
import { admin } from './accounts';
import { callApi, createKeyThroughUi, expectAccessible, uniqueName } from './fixtures';
import { ApiKeyPage } from './pages/api-key-page';

// Every table at a phone's width (rows stacked as cards) and at a laptop's (no column cut off).

test.use({ storageState: admin.storageState });

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 800 };

/** A key with everything a row can show: a description, IP limits, a rate limit, and a call made with it. */
async function busyKey(page: Page): Promise<string> {
  const name = uniqueName('Warehouse sync for the northern region');
  const key = await createKeyThroughUi(page, {
    name,
    description: 'Pushes stock levels every five minutes from the warehouse system',
    ipLimits: '127.0.0.1\n10.0.0.0/8\n2001:db8::/32\n192.0.2.0/24',
  });
  expect((await callApi('/api/v1/me', { key })).status).toBe(200);
  // Usage is written in batches within about a second: reload, as a person would, until it shows.
  await expect(async () => {
    await page.goto('/admin/integration-center/api-keys');
    await expect(keyRow(page, name)).not.toContainText('Never', { timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  return name;
}

const keysTable = (page: Page) => page.getByRole('table', { name: /^API keys/ });
const keyRow = (page: Page, name: string) => keysTable(page).getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });

/** The cell of `row` under the column headed `heading`. */
async function cellUnder(row: Locator, heading: string): Promise<Locator> {
  const headings = await row.page().getByRole('table', { name: /^API keys/ }).getByRole('columnheader').allTextContents();
  expect(headings).toContain(heading);
  return row.locator(':scope > *').nth(headings.indexOf(heading));
}

/** Nothing on the page scrolls sideways. */
async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

/** The element is on screen horizontally, not past the viewport's right edge. */
async function expectWithinWidth(locator: Locator, width: number) {
  await expect(locator).toBeVisible();
  const box = await locator.boundingBox();
  expect(box && box.x >= 0 && box.x + box.width <= width, `${await locator.textContent()} lies within 0…${width}px`).toBe(true);
}

test.describe('on a phone', () => {
  test.use({ viewport: PHONE });

  test('each key is a card showing its name, status and last use; the request log shows the outcome', async ({ page }) => {
    const name = await busyKey(page);
    const row = keyRow(page, name);
    await expectNoSidewaysScroll(page);
    await expectWithinWidth(row.getByRole('link', { name, exact: true }), PHONE.width);
    await expectWithinWidth(row.getByText('Enabled', { exact: true }), PHONE.width);
    const lastUsed = await cellUnder(row, 'Last used');
    await expect(lastUsed.locator('time')).toBeVisible();
    await expectWithinWidth(lastUsed, PHONE.width);
    // The headings still name each cell for a screen reader (the table keeps its semantics).
    await expect(keysTable(page).getByRole('columnheader', { name: 'Last used' })).toHaveCount(1);
    // The top bar fits: "Sign out" stays on one line.
    const signOut = page.getByRole('button', { name: 'Sign out' });
    expect((await signOut.boundingBox())?.height).toBeLessThan(44);
    await expectAccessible(page);
    await page.screenshot({ path: '/tmp/shots-list-390.png', fullPage: true });

    const keyPage = new ApiKeyPage(page);
    await keyPage.open(name);
    const log = page.getByRole('table', { name: /^Requests made with this key/ });
    await expect(async () => {
      await page.reload();
      await expect(log).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 10_000 });
    await expectWithinWidth(log.getByRole('row').nth(1).getByText('Allowed', { exact: true }), PHONE.width);
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);
    await page.screenshot({ path: '/tmp/shots-key-390.png', fullPage: true });
  });
});

test.describe('on a laptop', () => {
  test.use({ viewport: LAPTOP });

  test('the keys table fits its box with every column, Created included', async ({ page }) => {
    const name = await busyKey(page);
    const region = page.getByRole('region', { name: 'API keys', exact: true });
    const { scrollWidth, clientWidth } = await region.evaluate((element) => ({ scrollWidth: element.scrollWidth, clientWidth: element.clientWidth }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    const created = keysTable(page).getByRole('columnheader', { name: 'Created' });
    await expect(created).toBeInViewport({ ratio: 1 });
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);
    await page.screenshot({ path: '/tmp/shots-list-1280.png', fullPage: true });

    await new ApiKeyPage(page).open(name);
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);
    await page.screenshot({ path: '/tmp/shots-key-1280.png', fullPage: true });
  });
});
