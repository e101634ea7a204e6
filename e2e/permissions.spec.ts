import { expect, test } from '@playwright/test';
import { admin } from './accounts';
import { callApi } from './fixtures';
import { ApiKeyPage } from './pages/api-key-page';
import { CreateApiKeyPage } from './pages/create-api-key-page';
import { openApiKeysByClickPath } from './pages/navigation';
import { PermissionsFields } from './pages/permissions-fields';

test.use({ storageState: admin.storageState });

const name = 'Read-only exporter';

test('a key with Read for Feedback is refused a POST with the permission it lacks, until an admin grants Read and write', async ({ page }) => {
  const permissions = new PermissionsFields(page);
  let key = '';

  await test.step('create the key by the click path, with Read only for Feedback', async () => {
    await openApiKeysByClickPath(page);
    await page.getByRole('link', { name: 'Create an API Key' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Create an API Key' })).toBeVisible();
    // New keys start at Read everywhere.
    await permissions.expectChosen({ Projects: 'Read', Members: 'Read', Feedback: 'Read' });
    const form = new CreateApiKeyPage(page);
    await form.fill({ name, description: 'Exports feedback every night' });
    await permissions.choose({ Members: 'No access', Feedback: 'Read' });
    await form.submit();
    key = await form.createdKey();
    await page.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('Members: No access');
    await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('Feedback: Read');
  });

  const projects = await test.step('the key may read projects', async () => {
    const answer = await callApi('/api/v1/projects', { key });
    expect(answer.status).toBe(200);
    return answer.json.data as { id: string }[];
  });
  const post = () =>
    callApi('/api/v1/feedback', {
      key,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ projectId: projects[0].id, title: 'Nightly export note', body: 'Hello', kind: 'idea' }),
    });

  await test.step('POST /api/v1/feedback is refused with 403 and says what it needs', async () => {
    const refused = await post();
    expect(refused.status).toBe(403);
    expect(refused.headers.get('x-accepted-permissions')).toBe('feedback=write');
    expect(refused.json.error).toMatchObject({ code: 'insufficient_scope', message: expect.stringContaining('This key needs Feedback: Read and write') });
    const members = await callApi('/api/v1/members', { key });
    expect(members.status).toBe(403);
    expect(members.headers.get('x-accepted-permissions')).toBe('members=read');
  });

  await test.step('an admin grants Read and write for Feedback on the edit form, by keyboard', async () => {
    const keyPage = new ApiKeyPage(page);
    await keyPage.open(name);
    await page.getByRole('link', { name: 'Edit' }).click();
    await permissions.expectChosen({ Projects: 'Read', Members: 'No access', Feedback: 'Read' });
    // Native radios: arrow keys move the choice within a resource's group.
    await permissions.radio('Feedback', 'Read').focus();
    await page.keyboard.press('ArrowRight');
    await permissions.expectChosen({ Feedback: 'Read and write', Members: 'No access' });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Details' })).toContainText('Feedback: Read and write');
  });

  await test.step('the same POST now succeeds', async () => {
    await expect.poll(async () => (await post()).status, { timeout: 5_000 }).toBe(201);
  });
});
