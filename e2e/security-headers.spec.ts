import { expect, test, type Locator, type Page } from '@playwright/test';
import { baseURL, trustedProxyAddress } from '../playwright.config';
import { admin } from './accounts';
import { callApi, createKeyThroughUi, send, uniqueName } from './fixtures';
import { keysLoaded } from './pages/api-key-list-page';
import { ApiKeyPage } from './pages/api-key-page';
import { CreateApiKeyPage } from './pages/create-api-key-page';
import { MailboxPage } from './pages/mailbox-page';
import { PermissionsFields } from './pages/permissions-fields';
import { SignInPage } from './pages/sign-in-page';

// Scalar loads a 4.8 MB bundle, then the document, before it renders (as in api-reference.spec.ts).
const RENDERED = { timeout: 30_000 };
const HSTS = 'max-age=63072000; includeSubDomains';

/**
 * Everything the browser says about the page's policies, from the page or any frame in it (the
 * Mailbox's e-mail frame): Chrome logs each CSP violation as "Refused to …", and the
 * securitypolicyviolation event is echoed to the console as well.
 */
async function watchPolicyComplaints(page: Page): Promise<string[]> {
  const complaints: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to|Permissions[- ]Policy/i.test(message.text())) complaints.push(message.text());
  });
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (event) => console.error(`Content Security Policy violation: ${event.violatedDirective} blocked ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`)),
  );
  return complaints;
}

/** The script-src directive of a page's policy, and its nonce. */
function scriptPolicy(policy: string | undefined) {
  const scriptSrc = policy?.split(';').map((directive) => directive.trim()).find((directive) => directive.startsWith('script-src ')) ?? '';
  return { scriptSrc, nonce: /'nonce-([^']+)'/.exec(scriptSrc)?.[1] };
}

/**
 * Opens a page and checks its policy: scripts only by nonce, and every script tag Next rendered
 * carries that nonce. Then waits until `ready` shows, so whatever the page loads has run.
 */
async function visit(page: Page, path: string, ready: (page: Page) => Locator) {
  const response = await page.goto(path);
  expect(response, path).not.toBeNull();
  const { scriptSrc, nonce } = scriptPolicy(response!.headers()['content-security-policy']);
  expect(nonce, `${path}: script-src has a nonce`).toBeTruthy();
  expect(scriptSrc, path).not.toContain("'unsafe-inline'");
  expect(scriptSrc, path).not.toContain("'unsafe-eval'");
  const scriptTags = (await response!.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(scriptTags.length, `${path} has scripts`).toBeGreaterThan(0);
  for (const tag of scriptTags) expect(tag, path).toContain(`nonce="${nonce}"`);
  await expect(ready(page), path).toBeVisible(RENDERED);
  return nonce;
}

test.describe('Content-Security-Policy: no page breaks under it', () => {
  test('a visitor: sign-in, the API reference, a missing page', async ({ page }) => {
    test.slow(); // Scalar's bundle and document, on a busy machine
    const complaints = await watchPolicyComplaints(page);
    const first = await visit(page, '/sign-in', (p) => p.getByRole('button', { name: 'Sign in' }));
    const again = await visit(page, '/sign-in', (p) => p.getByRole('button', { name: 'Sign in' }));
    expect(again, 'a new nonce for every response').not.toBe(first);
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('That e-mail and password do not match an account.')).toBeVisible();

    await visit(page, '/docs/api', (p) => p.getByRole('heading', { name: 'Integration Center API' }));
    await visit(page, '/no-such-page', (p) => p.getByRole('heading', { name: 'Page not found' }));
    expect(complaints).toEqual([]);
  });

  test.describe('an admin', () => {
    test.use({ storageState: admin.storageState });

    test('the integration center, keys, a key, its forms and dialogs, the audit log', async ({ page }) => {
      const complaints = await watchPolicyComplaints(page);
      const name = uniqueName('CSP');
      await visit(page, '/admin/integration-center', (p) => p.getByRole('heading', { level: 1, name: 'Integration center' }));
      await visit(page, '/admin/integration-center/api-keys/new', (p) => p.getByRole('button', { name: 'Submit' }));
      await createKeyThroughUi(page, { name });
      await visit(page, '/admin/integration-center/api-keys', (p) => p.getByRole('link', { name, exact: true }));
      const keyPage = new ApiKeyPage(page);
      await keyPage.open(name);
      const keyPath = new URL(page.url()).pathname;
      await visit(page, keyPath, (p) => p.getByRole('heading', { level: 1, name }));
      await page.getByRole('button', { name: 'Disable' }).click();
      await expect(keyPage.dialog(/^Disable/)).toBeVisible();
      await page.keyboard.press('Escape');
      await visit(page, `${keyPath}/edit`, (p) => p.getByRole('heading', { level: 1, name: `Edit “${name}”` }));
      await visit(page, '/admin/integration-center/audit-log', (p) => p.getByRole('heading', { level: 1, name: 'Audit log' }));
      expect(complaints).toEqual([]);
    });

    test('a Mailbox message, its e-mail HTML shown in its frame', async ({ page }) => {
      const complaints = await watchPolicyComplaints(page);
      const name = uniqueName('CSP mail');
      const key = await createKeyThroughUi(page, { name, prefix: 'csp', notify: true });
      expect((await callApi('/api/v1/me', { key })).status).toBe(200);
      const subject = `API key “${name}” was used for the first time`;
      const mailbox = new MailboxPage(page);
      await visit(page, '/admin/integration-center/mailbox', (p) => p.getByRole('heading', { level: 1, name: 'Mailbox' }));
      await mailbox.waitForMessage(subject, 'First use');
      await mailbox.openMessage(subject);
      await visit(page, new URL(page.url()).pathname, (p) => p.getByRole('heading', { level: 1, name: subject }));
      const mail = mailbox.htmlFrame(subject).contentFrame();
      await expect(mail.getByText(name).first()).toBeVisible();
      // The frame's document inherits the page's policy: the e-mail's inline styles still apply.
      await expect(mail.locator('body')).toHaveCSS('background-color', 'rgb(244, 244, 245)');
      expect(complaints).toEqual([]);
    });
  });
});

test.describe('headers outside the page policy', () => {
  test('API answers skip the page proxy: the no-content policy, no nonce; Permissions-Policy everywhere', async () => {
    for (const path of ['/api/health', '/api/v1/me', '/sign-in']) {
      const { headers } = await send(path, {});
      expect(headers.get('permissions-policy'), path).toContain('camera=()');
      expect(headers.get('permissions-policy'), path).toContain('geolocation=()');
      expect(headers.get('x-frame-options'), path).toBe('DENY');
    }
    for (const path of ['/api/health', '/api/v1/me']) {
      expect((await send(path, {})).headers.get('content-security-policy'), path).toBe("default-src 'none'; frame-ancestors 'none'");
    }
  });

  test('Strict-Transport-Security only when a trusted proxy says the browser came over HTTPS', async () => {
    const cases = [
      { from: trustedProxyAddress, proto: 'https', hsts: HSTS },
      { from: trustedProxyAddress, proto: 'http', hsts: null },
      { from: trustedProxyAddress, proto: undefined, hsts: null },
      // Not a trusted proxy: its X-Forwarded-Proto is dropped at the edge (server.ts).
      { from: '127.0.0.1', proto: 'https', hsts: null },
    ];
    for (const { from, proto, hsts } of cases) {
      for (const path of ['/api/health', '/api/v1/me', '/sign-in']) {
        const { headers } = await send(path, { from, headers: proto ? { 'x-forwarded-proto': proto } : {} });
        expect(headers.get('strict-transport-security'), `${path} from ${from}, X-Forwarded-Proto ${proto}`).toBe(hsts);
      }
    }
  });
});

test.describe('server actions need an Origin header', () => {
  test.use({ storageState: admin.storageState });
  const origin = new URL(baseURL).origin;

  /**
   * The server-action request the browser sends when `trigger` runs, caught before it reaches the
   * server, as headers a script can replay (the session cookie included, no Origin).
   */
  async function caughtAction(page: Page, trigger: () => Promise<void>) {
    let caught: { headers: Record<string, string>; body: Buffer } | undefined;
    await page.route('**/*', async (route) => {
      const request = route.request();
      if (request.method() !== 'POST' || !(await request.headerValue('next-action'))) return route.fallback();
      caught = { headers: await request.allHeaders(), body: request.postDataBuffer() ?? Buffer.alloc(0) };
      await route.abort();
    });
    await trigger();
    await expect.poll(() => caught !== undefined).toBe(true);
    await page.unrouteAll();
    const cookie = (await page.context().cookies()).map(({ name, value }) => `${name}=${value}`).join('; ');
    const headers: Record<string, string> = { host: new URL(baseURL).host, cookie };
    for (const header of ['next-action', 'next-router-state-tree', 'content-type', 'accept']) if (caught!.headers[header]) headers[header] = caught!.headers[header];
    return { headers, body: caught!.body };
  }

  async function keyListed(page: Page, name: string) {
    await page.goto('/admin/integration-center/api-keys');
    await keysLoaded(page);
    return page.getByRole('link', { name, exact: true }).count();
  }

  test('without Origin it is refused and changes nothing; with this site’s Origin it runs', async ({ page }) => {
    const name = uniqueName('Origin check');
    const formPath = '/admin/integration-center/api-keys/new';
    await page.goto(formPath);
    const action = await caughtAction(page, async () => {
      const form = new CreateApiKeyPage(page);
      await form.fill({ name });
      await new PermissionsFields(page).choose({ Projects: 'Read' });
      await form.submit();
    });

    const attempts: { path: string; extra: Record<string, string> }[] = [
      { path: formPath, extra: {} },
      // A header a client can add must not let the post skip the check.
      { path: formPath, extra: { 'next-router-prefetch': '1', purpose: 'prefetch' } },
      { path: `/api/..${formPath}`, extra: {} },
    ];
    for (const { path, extra } of attempts) {
      const refused = await send(path, { method: 'POST', headers: { ...action.headers, ...extra }, body: action.body });
      expect(refused.status, `${path} ${JSON.stringify(extra)}`).toBe(403);
    }
    expect(await keyListed(page, name)).toBe(0);

    const accepted = await send(formPath, { method: 'POST', headers: { ...action.headers, origin }, body: action.body });
    expect(accepted.status).toBe(200);
    expect(await keyListed(page, name)).toBe(1);
  });

  test('no page renders where the proxy does not run, so no action runs there', async ({ browser }) => {
    // A session of its own: the sign-out replayed below ends it on the server.
    const page = await SignInPage.newBrowser(browser, admin);
    await page.goto('/admin/integration-center');
    // Sign out is on every page, so Next can run it on the not-found page too.
    const signOut = await caughtAction(page, () => page.getByRole('button', { name: 'Sign out' }).click());
    for (const path of ['/api/no-such-endpoint', '/api/credentials/no-such-endpoint', '/_next/static/no-such-file']) {
      const answer = await send(path, { method: 'POST', headers: signOut.headers, body: signOut.body });
      expect(answer.status, path).toBe(404);
      expect(answer.headers.get('set-cookie'), `${path}: the session is not ended`).toBeNull();
    }
    const ended = await send('/admin/integration-center', { method: 'POST', headers: { ...signOut.headers, origin }, body: signOut.body });
    expect(ended.headers.get('set-cookie'), 'with Origin, sign-out runs').toContain('authjs.session-token=;');
  });

  test('a form posted without JavaScript and without Origin is refused', async () => {
    const form = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=a%40b.c&password=x' };
    expect((await send('/sign-in', form)).status).toBe(403);
    expect((await send('/sign-in', { ...form, headers: { ...form.headers, origin } })).status).not.toBe(403);
  });
});
