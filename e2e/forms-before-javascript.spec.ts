import { expect, test, type Page } from '@playwright/test';
import { callApi, createKeyThroughUi } from './fixtures';
import { OWN_SERVER_PORTS, ownServerFor } from './own-server';
import { ApiKeyPage } from './pages/api-key-page';
import { CreateApiKeyPage } from './pages/create-api-key-page';
import { SignInPage } from './pages/sign-in-page';

/**
 * Forms before their JavaScript has run (a slow first load, a blocked script): every form posts to
 * its server action, so nothing typed reaches a URL, and the action answers in full. This spec
 * starts a server of its own that logs every request (the run's logs warnings only), so its
 * whole log can be searched for the password.
 */
const own = ownServerFor('no-javascript', OWN_SERVER_PORTS.formsBeforeJavaScript);
const email = 'admin@example.com';
const wrongPassword = 'Wrong-password-never-in-a-url-1';

test.use({ baseURL: own.url, storageState: { cookies: [], origins: [] }, javaScriptEnabled: false });
test.describe.configure({ mode: 'serial', timeout: 120_000 });

/** Every URL the page asks for, redirects included. */
function urlsRequested(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  return urls;
}

/** Whether any of these holds the value, plain or URL-encoded either way. */
const anyHolds = (texts: string[], value: string) =>
  texts.some((text) => [value, encodeURIComponent(value), new URLSearchParams({ v: value }).toString().slice(2)].some((form) => text.includes(form)));

test('a wrong password posts, shows the error, keeps the e-mail and puts neither in a URL', async ({ page }) => {
  const urls = urlsRequested(page);
  const signIn = new SignInPage(page);
  await signIn.goto('/admin/integration-center');
  const posted = page.waitForRequest((request) => request.method() === 'POST');
  await signIn.signIn(email, wrongPassword);
  expect(new URL((await posted).url()).pathname).toBe('/sign-in');

  await expect(page.getByRole('alert').filter({ hasText: 'That e-mail and password do not match an account.' })).toBeVisible();
  await expect(page.getByLabel('Email')).toHaveValue(email);
  await expect(page.getByLabel('Password')).toHaveValue('');
  expect(anyHolds(urls, wrongPassword), 'the password in a URL').toBe(false);
  expect(anyHolds(urls, email), 'the e-mail in a URL').toBe(false);
});

test('the right password signs in and lands on the page asked for; no URL or log line holds it', async ({ page }) => {
  const urls = urlsRequested(page);
  const signIn = new SignInPage(page);
  await signIn.goto('/admin/integration-center');
  await signIn.signIn(email, own.adminPassword);

  await expect(page).toHaveURL(`${own.url}/admin/integration-center`);
  await expect(page.getByRole('heading', { level: 1, name: 'Integration center' })).toBeVisible();
  expect(anyHolds(urls, own.adminPassword), 'the password in a URL').toBe(false);
  expect(anyHolds(urls, email), 'the e-mail in a URL').toBe(false);

  // The log has a line for the post (so it would show a password sent in the URL), and no password.
  await expect.poll(() => own.log()).toMatch(/"method":"POST","path":"\/sign-in","status":303/);
  expect(anyHolds([own.log()], own.adminPassword), 'the password in the server log').toBe(false);
  expect(anyHolds([own.log()], wrongPassword), 'the wrong password in the server log').toBe(false);
});

test('the key edit form shows its values and saves them, landing on the key’s page', async ({ page, browser }) => {
  // A key made with JavaScript on (its secret is shown in a dialog); edited without.
  const name = `Posted edit ${Date.now().toString(36)}`;
  const scripted = await SignInPage.newBrowser(browser, { email, password: own.adminPassword }, own.url);
  await createKeyThroughUi(scripted, { name });
  await new ApiKeyPage(scripted).open(name);
  const keyPath = new URL(scripted.url()).pathname;

  const signIn = new SignInPage(page);
  await signIn.goto(`${keyPath}/edit`);
  await signIn.signIn(email, own.adminPassword);
  await expect(page).toHaveURL(`${own.url}${keyPath}/edit`);
  // Rendered by the server with the key's values, not empty fields waiting for the script.
  await expect(page.getByLabel('Name')).toHaveValue(name);
  await expect(page.getByRole('radiogroup', { name: 'Projects' }).getByRole('radio', { checked: true })).toHaveCount(1);

  await page.getByLabel('Name').fill(`${name} renamed`);
  await page.getByLabel('Description').fill('Saved before any script ran');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(`${own.url}${keyPath}`);
  await expect(page.getByRole('heading', { level: 1, name: `${name} renamed` })).toBeVisible();
  await expect(page.getByText('Saved before any script ran')).toBeVisible();
});

test('a key created before the page’s script ran is shown once the answer’s page is interactive', async ({ browser }) => {
  const page = await SignInPage.newBrowser(browser, { email, password: own.adminPassword }, own.url);
  // The form arrives but its script does not (a slow first load): the submit is the browser's own.
  await page.route('**/_next/static/**/*.js', (route) => route.abort());
  await page.goto('/admin/integration-center/api-keys/new');
  await page.unroute('**/_next/static/**/*.js');
  const name = `Before hydration ${Date.now().toString(36)}`;
  const form = new CreateApiKeyPage(page);
  await form.fill({ name });
  const posted = page.waitForRequest((request) => request.method() === 'POST');
  await form.submit();
  expect((await posted).headers()['next-action'], 'a plain form post, not the hydrated form’s call').toBeUndefined();

  const key = await form.createdKey();
  expect((await callApi('/api/v1/me', { key, server: own.url })).status, 'the key shown is the key created').toBe(200);
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
});

test('with no script at all, a new key is shown on the answer’s page, once, and Done leads to the list', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto('/admin/integration-center/api-keys/new');
  await signIn.signIn(email, own.adminPassword);
  const name = `No script ${Date.now().toString(36)}`;
  const form = new CreateApiKeyPage(page);
  await form.fill({ name });
  await form.submit();

  const shown = page.getByRole('region', { name: 'API key created' });
  await expect(shown).toContainText('This key will not be shown again');
  const key = await shown.getByLabel('API key').inputValue();
  expect((await callApi('/api/v1/me', { key, server: own.url })).status, 'the key shown is the key created').toBe(200);

  await shown.getByRole('link', { name: 'Done' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'API Keys' })).toBeVisible();
  // The list streams in after its header: without a script it shows anyway, and no endless loading state does.
  await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Loading API keys…' })).toHaveCount(0);
  expect(await page.content()).not.toContain(key);
});
