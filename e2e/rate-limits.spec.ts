import { expect, test } from '@playwright/test';
import { admin } from './accounts';
import { callApi, createKeyThroughUi, uniqueName } from './fixtures';
import { ApiKeyPage } from './pages/api-key-page';
import { CreateApiKeyPage } from './pages/create-api-key-page';

test.use({ storageState: admin.storageState });

test('a key limited to 2 per minute in the form gets 429s with Retry-After, and its request log shows them', async ({ page }) => {
  const name = uniqueName('Nightly export');

  await test.step('the create form offers the rate limit, starting at 1,000 per minute', async () => {
    await page.goto('/admin/integration-center/api-keys/new');
    const fieldset = page.getByRole('group', { name: 'Rate limit' });
    await expect(fieldset.getByRole('radio', { name: 'Limit to', exact: true })).toBeChecked();
    await expect(fieldset.getByLabel('Requests', { exact: true })).toHaveValue('1000');
    await expect(fieldset.getByLabel('per', { exact: true })).toHaveValue('minute');
  });

  await test.step('a bad number is refused beside the field', async () => {
    const form = new CreateApiKeyPage(page);
    await form.fill({ name, rateLimit: { requests: 0, per: 'minute' } });
    await form.submit();
    await expect(await form.errorFor('Requests')).toHaveText('Enter a whole number from 1 to 1,000,000');
  });

  const key = await createKeyThroughUi(page, { name, rateLimit: { requests: 2, per: 'minute' } });
  await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('2 per minute');

  const answers = [];
  for (let i = 0; i < 4; i++) answers.push(await callApi('/api/v1/me', { key }));
  expect(answers.map((answer) => answer.status)).toEqual([200, 200, 429, 429]);
  expect(answers.map((answer) => answer.headers.get('x-ratelimit-remaining'))).toEqual(['1', '0', '0', '0']);
  for (const answer of answers) expect(answer.headers.get('ratelimit-policy')).toBe('"key";q=2;w=60');
  for (const refused of answers.slice(2)) {
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.json.error?.code).toBe('rate_limited');
  }

  const keyPage = new ApiKeyPage(page);
  await keyPage.open(name);
  await expect(keyPage.details()).toContainText('2 per minute');
  const log = page.getByRole('table', { name: /^Requests made with this key/ });
  // Usage is written in batches within about a second: reload, as a person would, until it shows.
  await expect(async () => {
    await page.reload();
    await expect(log.getByRole('row').filter({ hasText: 'Rate limited' })).toHaveCount(2, { timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  await expect(log.getByRole('row').filter({ hasText: 'Rate limited' }).first()).toContainText('429');
});
