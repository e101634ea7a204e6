import { expect, test, type Browser, type BrowserContext } from '@playwright/test';
import { baseURL } from '../playwright.config';
import { admin, member } from './accounts';
import { SignInPage } from './pages/sign-in-page';

const INTEGRATION_CENTER = '/admin/integration-center';

/** Another browser holding a copy of these cookies, as someone who copied them would. */
async function browserWithCopyOf(browser: Browser, context: BrowserContext) {
  return (await browser.newContext({ baseURL, storageState: await context.storageState() })).newPage();
}

test.describe('signing out ends the session on the server', () => {
  test('a cookie saved before sign-out opens no admin page afterwards', async ({ browser }) => {
    const page = await SignInPage.newBrowser(browser, admin);
    const copy = await browserWithCopyOf(browser, page.context());
    // The copy works while the session lasts…
    await copy.goto(INTEGRATION_CENTER);
    await expect(copy.getByRole('heading', { level: 1, name: 'Integration center' })).toBeVisible();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in/);

    // …and not after: the cookie still names the session, which no longer exists.
    await copy.goto(INTEGRATION_CENTER);
    await expect(copy).toHaveURL(/\/sign-in\?callbackUrl=%2Fadmin%2Fintegration-center$/);
    await expect(copy.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  });

  test('signing out of one browser leaves another browser of the same admin signed in', async ({ browser }) => {
    const laptop = await SignInPage.newBrowser(browser, admin);
    const phone = await SignInPage.newBrowser(browser, admin);
    await laptop.getByRole('button', { name: 'Sign out' }).click();
    await expect(laptop).toHaveURL(/\/sign-in/);

    await phone.goto(INTEGRATION_CENTER);
    await expect(phone.getByRole('heading', { level: 1, name: 'Integration center' })).toBeVisible();
  });
});

test.describe('signing in from a link to an admin page', () => {
  for (const { account, lands, heading } of [
    { account: member, lands: `${baseURL}/`, heading: /^Welcome back/ },
    { account: admin, lands: `${baseURL}${INTEGRATION_CENTER}/api-keys`, heading: 'API Keys' },
  ]) {
    test(`${account === admin ? 'an admin lands on the page' : 'a member lands on home, not the 403 page'}`, async ({ page }) => {
      await page.goto(`${INTEGRATION_CENTER}/api-keys`);
      await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
      await new SignInPage(page).signIn(account.email, account.password);
      await expect(page).toHaveURL(lands);
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Not allowed' })).toHaveCount(0);
    });
  }
});
