import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { createSigner, type FakeSigner } from '../test/fake-github-keys';
import { admin } from './accounts';
import { callApi, createKeyThroughUi, uniqueName } from './fixtures';
import { GITHUB_SIGNER_FILE } from './global-setup';
import { ApiKeyPage } from './pages/api-key-page';
import { MailboxPage } from './pages/mailbox-page';
import { openIntegrationCenterByClickPath } from './pages/navigation';

test.use({ storageState: admin.storageState });

// Signs as GitHub: the key pair whose public key e2e/global-setup.ts serves where the server fetches it
// (read once the global setup has run, not when the test list is made).
let github: FakeSigner;
test.beforeAll(() => {
  github = createSigner(JSON.parse(readFileSync(GITHUB_SIGNER_FILE, 'utf8')).privateKey);
});

const EVENTUALLY = { timeout: 10_000, intervals: [50] };
const leakUrl = 'https://github.com/octo/billing/blob/4f2a9c1/config/.env';

/** A report exactly as GitHub sends one: the raw body, signed with GitHub's key. */
function githubReport(token: string, signer = github) {
  const body = JSON.stringify([{ token, type: 'integration_center_api_key', url: leakUrl, source: 'commit' }]);
  return callApi('/api/secret-scanning/github', { method: 'POST', body, headers: signer.headers(body) });
}

async function choosePolicy(page: Page, label: 'Disable it' | 'Only notify') {
  await openIntegrationCenterByClickPath(page);
  const policy = page.getByRole('group', { name: 'When a key is reported leaked' });
  await policy.getByLabel(label).check();
  await page.getByRole('region', { name: 'Leaked keys' }).getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText(`handled by “${label}”`)).toBeVisible();
}

test('a signed GitHub report disables the key at once; the key page, audit log, request log and mailbox show it; rotating clears the banner', async ({ page }) => {
  const name = uniqueName('Billing sync');
  const key = await createKeyThroughUi(page, { name });
  expect((await callApi('/api/v1/me', { key })).status).toBe(200);

  const answer = await githubReport(key);
  expect(answer.status).toBe(200);
  expect(answer.json).toEqual([expect.objectContaining({ token_type: 'integration_center_api_key', label: 'true_positive' })]);
  await expect.poll(async () => (await callApi('/api/v1/me', { key })).json.error?.code, EVENTUALLY).toBe('key_disabled');

  const keyPage = new ApiKeyPage(page);
  await keyPage.open(name);
  const banner = page.getByRole('alert').filter({ hasText: 'This key was reported leaked' });
  await expect(banner).toContainText(`GitHub secret scanning found this key’s secret at ${leakUrl} (commit)`);
  await expect(banner).toContainText('The key was disabled');
  const requestLog = page.getByRole('region', { name: 'Request log table' });
  await expect(async () => {
    await page.reload();
    await expect(requestLog).toContainText('Reported leaked', { timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  await expect(requestLog).toContainText('/api/secret-scanning/github');
  const id = keyPage.id();

  await page.goto(`/admin/integration-center/audit-log?key=${id}`);
  const entry = page.getByRole('region', { name: 'Audit log entries' }).getByRole('row').filter({ has: page.getByRole('cell', { name: 'Reported leaked', exact: true }) });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText('GitHub secret scanning');
  await expect(entry).toContainText(leakUrl);
  await expect(entry).toContainText('commit');

  const mailbox = new MailboxPage(page);
  await mailbox.openByClickPath();
  const subject = `Security notice: API key “${name}” was reported leaked`;
  await mailbox.waitForMessage(subject, 'Key reported leaked');
  await mailbox.openMessage(subject);
  await expect(mailbox.plainText()).toContainText(leakUrl);
  await expect(mailbox.plainText()).toContainText(`/admin/integration-center/api-keys/${id}?rotate=1`);

  // The same report again: nothing changes, nothing more is sent.
  expect((await githubReport(key)).json).toEqual([expect.objectContaining({ label: 'true_positive' })]);

  await keyPage.open(name);
  await banner.getByRole('link', { name: 'Rotate this key now' }).click();
  const rotate = keyPage.dialog(/^Rotate/);
  await rotate.getByLabel('None: the old secret stops at once').check();
  await rotate.getByRole('button', { name: 'Rotate key' }).click();
  await keyPage.dialog('API key rotated').getByRole('button', { name: 'Done' }).click();
  await expect(page.getByText('This key was reported leaked')).toHaveCount(0);
  await page.goto(`/admin/integration-center/audit-log?key=${id}`);
  await expect(page.getByRole('region', { name: 'Audit log entries' }).getByRole('cell', { name: 'Reported leaked', exact: true })).toHaveCount(1);
});

test('a report that GitHub did not sign changes nothing', async ({ page }) => {
  const name = uniqueName('Billing sync');
  const key = await createKeyThroughUi(page, { name });
  const stranger = createSigner();
  expect((await githubReport(key, stranger)).json.error?.code).toBe('unknown_public_key');
  const body = JSON.stringify([{ token: key, type: 't', url: leakUrl, source: 'commit' }]);
  const forged = await callApi('/api/secret-scanning/github', { method: 'POST', body, headers: { ...github.headers(body), 'github-public-key-signature': stranger.sign(body) } });
  expect(forged.json.error?.code).toBe('invalid_signature');
  expect((await callApi('/api/v1/me', { key })).status).toBe(200);
  await new ApiKeyPage(page).open(name);
  await expect(page.getByText('This key was reported leaked')).toHaveCount(0);
});

test('under “Only notify” a public revoke request leaves the key working; the admin is told and the change of setting is audited', async ({ page }) => {
  await choosePolicy(page, 'Only notify');
  try {
    const name = uniqueName('Billing sync');
    const key = await createKeyThroughUi(page, { name });
    const revoke = await callApi('/api/credentials/revoke', { method: 'POST', body: JSON.stringify({ credentials: [key, 'not-a-key'] }), headers: { 'content-type': 'application/json' } });
    expect(revoke.status).toBe(202);

    const keyPage = new ApiKeyPage(page);
    const banner = page.getByRole('alert').filter({ hasText: 'This key was reported leaked' });
    await expect(async () => {
      await keyPage.open(name);
      await expect(banner).toContainText('A public revoke request from 127.0.0.1', { timeout: 1_000 });
    }).toPass({ timeout: 10_000 });
    await expect(banner).toContainText('Nothing: the community’s policy is Only notify');
    expect((await callApi('/api/v1/me', { key })).status).toBe(200);

    await page.goto(`/admin/integration-center/audit-log?key=${keyPage.id()}`);
    await expect(page.getByRole('region', { name: 'Audit log entries' }).getByRole('row').filter({ hasText: 'Revoked by public report' })).toContainText('127.0.0.1');
  } finally {
    await choosePolicy(page, 'Disable it');
  }
  await page.goto('/admin/integration-center/audit-log?action=community.leaked_key_policy_changed');
  const changes = page.getByRole('region', { name: 'Audit log entries' }).getByRole('row').filter({ hasText: 'Leaked key policy changed' });
  await expect(changes.first()).toContainText('Only notify');
  await expect(changes.first()).toContainText('Disable it');
});
