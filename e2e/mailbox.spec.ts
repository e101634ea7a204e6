import { expect, test, type Page } from '@playwright/test';
import { admin, member } from './accounts';
import { callApi, createKeyThroughUi, uniqueName } from './fixtures';
import { ApiKeyPage } from './pages/api-key-page';
import { MailboxPage } from './pages/mailbox-page';

/** Every test's own key with Email notifications on, used once, so its first-use notice is due. */
async function usedNotifyingKey(page: Page) {
  const name = uniqueName('Mailbox watcher');
  const key = await createKeyThroughUi(page, { name, prefix: 'mbox', notify: true });
  expect((await callApi('/api/v1/me', { key })).status).toBe(200);
  return {
    name,
    key,
    hint: `mbox_…${key.slice(-4)}`,
    firstUse: `API key “${name}” was used for the first time`,
    disabled: `Security notice: API key “${name}” was disabled`,
  };
}

/** Disables the key from its page, once the page knows of the call (the impact it shows). */
async function disableUsedKey(page: Page, name: string) {
  const keyPage = new ApiKeyPage(page);
  await keyPage.open(name);
  await keyPage.waitForUseFrom('127.0.0.1');
  await keyPage.disable(/Used by 1 integration in the last 30 days/);
}

test.describe('admin', () => {
  test.use({ storageState: admin.storageState });

  test('a message that does not exist is not found', async ({ page }) => {
    for (const id of ['not-a-message', '00000000-0000-4000-8000-000000000000']) {
      const response = await page.goto(`/admin/integration-center/mailbox/${id}`);
      expect(response?.status(), id).toBe(404);
      await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    }
  });

  test.describe('notices about a key', () => {
    test('the first use of a key with Email notifications on shows up in the Mailbox', async ({ page }) => {
      const { name, key, hint, firstUse } = await usedNotifyingKey(page);

      const mailbox = new MailboxPage(page);
      await mailbox.openByClickPath();
      // The e2e server runs without RESEND_API_KEY: nothing leaves the machine.
      await expect(page.getByText('Sending is off')).toBeVisible();
      await mailbox.waitForMessage(firstUse, 'First use');
      await expect(mailbox.row(firstUse)).toContainText(name);
      await expect(mailbox.row(firstUse)).toContainText(hint);
      await expect(mailbox.row(firstUse)).toContainText(admin.email);

      await mailbox.openMessage(firstUse);
      const breadcrumb = page.getByRole('navigation', { name: 'Breadcrumb' });
      await expect(breadcrumb.getByRole('link', { name: 'Mailbox' })).toBeVisible();
      await expect(page.getByRole('region', { name: 'Message' })).toContainText(admin.email);
      await expect(mailbox.plainText()).toContainText(name);
      await expect(mailbox.plainText()).toContainText(hint);
      const frame = mailbox.htmlFrame(firstUse);
      await expect(frame).toHaveAttribute('sandbox', '');
      await expect(frame.contentFrame().getByRole('cell', { name: `${name} (${hint})`, exact: true })).toBeVisible();
      // The secret is shown once, at creation: never in a message.
      expect(await page.content()).not.toContain(key);
      expect(await frame.contentFrame().locator('html').innerHTML()).not.toContain(key);
    });

    test('disabling the key sends a security notice, found by its kind', async ({ page }) => {
      const { name, key, hint, firstUse, disabled } = await usedNotifyingKey(page);
      await disableUsedKey(page, name);

      const mailbox = new MailboxPage(page);
      await page.goto('/admin/integration-center/mailbox');
      // Both are listed unfiltered, so the filter below has something to leave out.
      await mailbox.waitForMessage(firstUse, 'First use');
      await mailbox.waitForMessage(disabled, 'Key disabled');

      await page.getByLabel('Kind').selectOption({ label: 'Key disabled' });
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await expect(page).toHaveURL(/kind=key_disabled/);
      await expect(mailbox.row(disabled)).toBeVisible();
      await expect(mailbox.row(firstUse)).toHaveCount(0);

      await mailbox.openMessage(disabled);
      await expect(mailbox.plainText()).toContainText(hint);
      expect(await page.content()).not.toContain(key);
      await page.getByRole('region', { name: 'Message' }).getByRole('link', { name }).click();
      await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    });

    test('the Key box narrows the mailbox to the messages about the keys it names', async ({ page }) => {
      const mine = await usedNotifyingKey(page);
      const theirs = await usedNotifyingKey(page);

      const mailbox = new MailboxPage(page);
      await page.goto('/admin/integration-center/mailbox');
      await mailbox.waitForMessage(mine.firstUse, 'First use');
      await mailbox.waitForMessage(theirs.firstUse, 'First use');

      // By name, then by the hint as people type it (three dots): one key's messages only.
      const keyBox = page.getByRole('searchbox', { name: 'Key' });
      for (const text of [mine.name.toLowerCase(), mine.hint.replace('…', '...')]) {
        await keyBox.fill(text);
        await keyBox.press('Enter');
        await page.waitForURL((url) => url.searchParams.get('key') === text);
        await expect(mailbox.row(mine.firstUse)).toBeVisible();
        await expect(mailbox.row(theirs.firstUse)).toHaveCount(0);
        await expect(page.getByText(`Messages for the key ${mine.name} (${mine.hint})`)).toBeVisible();
      }

      await keyBox.fill(`${mine.name} but not`);
      await keyBox.press('Enter');
      await expect(page.getByRole('heading', { name: `No key matches “${mine.name} but not”` })).toBeVisible();
      await page.getByRole('link', { name: 'show every message' }).click();
      await expect(mailbox.row(theirs.firstUse)).toBeVisible();
    });

    test('without RESEND_API_KEY both notices are delivered to the mailbox', async ({ page }) => {
      const { name, firstUse, disabled } = await usedNotifyingKey(page);
      await disableUsedKey(page, name);

      const mailbox = new MailboxPage(page);
      await page.goto('/admin/integration-center/mailbox');
      for (const subject of [firstUse, disabled]) await mailbox.waitForMessage(subject, 'Delivered to mailbox');
      await mailbox.openMessage(firstUse);
      const envelope = page.getByRole('region', { name: 'Message' });
      await expect(envelope).toContainText('Delivered to mailbox');
      // When it was sent: relative, with the exact time beside it for screen readers (and on hover).
      await expect(envelope).toContainText(/Sent\s*(just now|\d+ minutes? ago) \(\d{1,2} \w{3} \d{4}, \d\d:\d\d:\d\d UTC\)/);
    });
  });
});

test.describe('member', () => {
  test.use({ storageState: member.storageState });

  test('is refused the Mailbox', async ({ page }) => {
    const response = await page.goto('/admin/integration-center/mailbox');
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Mailbox' })).toHaveCount(0);
  });
});
