import { expect, test, type Page } from '@playwright/test';
import { trustedProxyAddress } from '../playwright.config';
import { admin } from './accounts';
import { callApi, createKeyThroughUi, expectAccessible, uniqueName } from './fixtures';
import { ApiKeyPage } from './pages/api-key-page';

test.use({ storageState: admin.storageState });

// Usage is flushed about once a second and key changes reach the API within one: room to spare,
// on a machine this spec shares with builds (waits of 5 s were seen to run out there).
const EVENTUALLY = { timeout: 30_000, intervals: [250] };
const SLOW_PAGE = { timeout: 20_000 };
const MOVED = '198.51.100.7';

/** A call as it arrives through the trusted proxy from `ip` (the spec itself is always 127.0.0.1). */
const callFrom = (key: string, ip: string) => callApi('/api/v1/me', { key, from: trustedProxyAddress, headers: { 'x-forwarded-for': ip, 'x-integration-name': 'Zapier' } });

/** The key page, from the list where the key was just created. */
async function openKey(page: Page, name: string) {
  await page.getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name, exact: true })).toBeVisible(SLOW_PAGE);
  return new ApiKeyPage(page);
}

/** Reloads, as a person would, until `check` passes on the fresh page. */
async function untilShown(page: Page, check: () => Promise<void>) {
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass(EVENTUALLY);
}

test('calls refused by IP limits show in the list and on the key page; Allow adds the address for the admin to save', async ({ page }) => {
  // Many round trips (a key, five calls, three waits for usage, two axe runs, an edit and its dry run) on a loaded machine.
  test.setTimeout(240_000);
  const name = uniqueName('Zapier office');
  const key = await createKeyThroughUi(page, { name, ipLimits: '10.0.0.0/8' });
  for (let i = 0; i < 2; i++) expect((await callFrom(key, MOVED)).json.error?.code).toBe('ip_not_allowed');

  const row = page.getByRole('row', { name: new RegExp(name) });
  await untilShown(page, async () => {
    await expect(row).toContainText('IP refusals', { timeout: 1_000 });
    await expect(row).toContainText('Never used · 2 refused in the last 7 days', { timeout: 1_000 });
  });

  // A caller the limits allow: the dry run below must name it when the admin narrows the limits.
  expect((await callFrom(key, '10.1.2.3')).status).toBe(200);
  const keyPage = await openKey(page, name);
  await untilShown(page, () => expect(keyPage.details()).toContainText('from 10.1.2.3', { timeout: 1_000 }));
  const banner = page.getByRole('region', { name: 'Calls refused by IP limits' });
  await expect(banner).toContainText(`Calls from ${MOVED} were refused by this key’s IP limits: 2 in the last 24 hours`);
  await expectAccessible(page);

  await banner.getByRole('link', { name: `Allow ${MOVED}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Edit “${name}”` })).toBeVisible(SLOW_PAGE);
  await expect(page.getByRole('status').filter({ hasText: `${MOVED} is added to the IP limits below` })).toBeVisible();
  const limits = page.getByLabel('Limit access to IP addresses');
  await expect(limits).toHaveValue(`10.0.0.0/8\n${MOVED}`);
  await expectAccessible(page);
  // Nothing is saved by opening the link.
  expect((await callFrom(key, MOVED)).json.error?.code).toBe('ip_not_allowed');

  // The dry run still compares with the stored limits: dropping the old range names its caller.
  await limits.fill(MOVED);
  await page.getByRole('button', { name: 'Save changes' }).click();
  const dryRun = page.getByRole('dialog', { name: 'These callers would be refused' });
  await expect(dryRun).toContainText('10.1.2.3', SLOW_PAGE);
  await dryRun.getByRole('button', { name: 'Keep editing' }).click();

  await limits.fill(`10.0.0.0/8\n${MOVED}`);
  await page.getByRole('button', { name: 'Save changes' }).click();
  // Exact: the Edit page's own heading, "Edit “<name>”", holds the name too.
  await expect(page.getByRole('heading', { level: 1, name, exact: true })).toBeVisible(SLOW_PAGE);
  await expect(keyPage.details()).toContainText(`10.0.0.0/8, ${MOVED}`, SLOW_PAGE);
  await expect(banner).toHaveCount(0);
  await expect.poll(async () => (await callFrom(key, MOVED)).status, EVENTUALLY).toBe(200);
});

test('Allow with an address that is not one changes nothing and says so', async ({ page }) => {
  test.slow(); // Creating a key through the form took most of 30 s on a loaded machine.
  const name = uniqueName('Zapier office');
  await createKeyThroughUi(page, { name, ipLimits: '10.0.0.0/8' });
  await openKey(page, name);
  await page.goto(`${page.url()}/edit?allowIp=${encodeURIComponent('10.0.0.0/0')}`);
  await expect(page.getByRole('status').filter({ hasText: 'not a valid IPv4 or IPv6 address' })).toBeVisible(SLOW_PAGE);
  await expect(page.getByLabel('Limit access to IP addresses')).toHaveValue('10.0.0.0/8');
});
