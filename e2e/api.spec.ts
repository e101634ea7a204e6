import { expect, test } from '@playwright/test';
import { admin } from './accounts';
import { callApi, createKeyThroughUi, uniqueName } from './fixtures';

test.use({ storageState: admin.storageState });

test('an admin creates a key; an integration calls the API with it', async ({ page }) => {
  const name = uniqueName('Zapier bridge');
  const openKey = await createKeyThroughUi(page, { name });

  const me = await callApi('/api/v1/me', { key: openKey, headers: { 'x-integration-name': 'Zapier', 'user-agent': 'zapier/1.0' } });
  expect(me.status).toBe(200);
  expect(me.json).toMatchObject({ name, prefix: 'acme', ipLimits: [] });

  const bearer = await callApi('/api/v1/projects?pageSize=2', { headers: { authorization: `Bearer ${openKey}` } });
  expect(bearer.status).toBe(200);
  expect(bearer.json).toMatchObject({ paging: { page: 1, pageSize: 2, total: 3, totalPages: 2 } });

  const projectId = (bearer.json.data as { id: string }[])[0].id;
  const created = await callApi('/api/v1/feedback', {
    key: openKey,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ projectId, title: 'Sent by Zapier', body: 'It works', kind: 'praise' }),
  });
  expect(created.status).toBe(201);
  const list = await callApi(`/api/v1/feedback?projectId=${projectId}`, { key: openKey });
  expect((list.json.data as { title: string }[]).map((f) => f.title)).toContain('Sent by Zapier');
});

test('the client IP is the socket: another address and a forged X-Forwarded-For are refused', async ({ page }) => {
  const officeKey = await createKeyThroughUi(page, { name: uniqueName('Office only'), ipLimits: '127.0.0.1' });
  expect((await callApi('/api/v1/me', { key: officeKey, from: '127.0.0.1' })).status).toBe(200);

  const elsewhere = await callApi('/api/v1/me', { key: officeKey, from: '127.0.0.2' });
  expect(elsewhere.status).toBe(403);
  expect(elsewhere.json.error?.code).toBe('ip_not_allowed');

  const forged = await callApi('/api/v1/me', { key: officeKey, from: '127.0.0.2', headers: { 'x-forwarded-for': '127.0.0.1', 'x-real-ip': '127.0.0.1' } });
  expect(forged.status).toBe(403);
  expect(forged.json.error?.code).toBe('ip_not_allowed');
});

test('bad requests get their documented status and code, as JSON', async ({ page }) => {
  const openKey = await createKeyThroughUi(page, { name: uniqueName('Zapier bridge') });
  const projectId = '00000000-0000-4000-8000-000000000000';
  const json = { 'content-type': 'application/json' };
  const cases: [string, Parameters<typeof callApi>, number, string][] = [
    ['no key', ['/api/v1/me'], 401, 'missing_key'],
    ['empty key', ['/api/v1/me', { key: '' }], 401, 'missing_key'],
    ['10 KB key', ['/api/v1/me', { key: 'k'.repeat(10_240) }], 401, 'invalid_key'],
    ['bad checksum', ['/api/v1/me', { key: openKey.slice(0, -1) + (openKey.endsWith('A') ? 'B' : 'A') }], 401, 'invalid_key'],
    ['key in the URL', [`/api/v1/me?apiKey=${openKey}`], 400, 'key_in_url'],
    ['non-JSON content type', ['/api/v1/feedback', { key: openKey, method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' }], 415, 'unsupported_media_type'],
    ['malformed JSON', ['/api/v1/feedback', { key: openKey, method: 'POST', headers: json, body: '{"title":' }], 400, 'invalid_json'],
    ['JSON array', ['/api/v1/feedback', { key: openKey, method: 'POST', headers: json, body: '[]' }], 400, 'validation_failed'],
    ['2 MiB body', ['/api/v1/feedback', { key: openKey, method: 'POST', headers: json, body: Buffer.alloc(2 * 1024 * 1024, 'a') }], 413, 'payload_too_large'],
    ['unknown project', [`/api/v1/projects/${projectId}`, { key: openKey }], 404, 'not_found'],
    ['unknown endpoint', ['/api/v1/nothing-here', { key: openKey }], 404, 'not_found'],
    ['page=-1', ['/api/v1/projects?page=-1', { key: openKey }], 400, 'validation_failed'],
    ['pageSize=100000', ['/api/v1/members?pageSize=100000', { key: openKey }], 400, 'validation_failed'],
    ['page=abc', ['/api/v1/projects?page=abc', { key: openKey }], 400, 'validation_failed'],
  ];
  for (const [label, args, status, code] of cases) {
    const answer = await callApi(...args);
    expect(answer.status, label).toBe(status);
    expect(answer.json.error, label).toMatchObject({ code, message: expect.any(String), requestId: expect.any(String) });
  }
  const health = await callApi('/api/health');
  expect(health).toMatchObject({ status: 200, json: { status: 'ok' } });
});

test('the API Keys list shows last use and request counts; the Integration center shows how to call', async ({ page, context }) => {
  const office = uniqueName('Office only');
  const officeKey = await createKeyThroughUi(page, { name: office, ipLimits: '127.0.0.1' });
  const zapier = uniqueName('Zapier bridge');
  const openKey = await createKeyThroughUi(page, { name: zapier });
  // One call accepted from the office, two refused from elsewhere: three requests in 7 days.
  expect((await callApi('/api/v1/me', { key: officeKey, from: '127.0.0.1' })).status).toBe(200);
  for (let i = 0; i < 2; i++) expect((await callApi('/api/v1/me', { key: officeKey, from: '127.0.0.2' })).status).toBe(403);
  expect((await callApi('/api/v1/me', { key: openKey })).status).toBe(200);

  await page.goto('/admin/integration-center/api-keys');
  const row = page.getByRole('row', { name: new RegExp(office) });
  // Usage is written in batches within a second: reload until it shows.
  await expect(async () => {
    await page.reload();
    await expect(row).toContainText('127.0.0.1');
    await expect(row.getByRole('cell', { name: '3', exact: true })).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(zapier) })).not.toContainText('Never');
  }).toPass({ timeout: 10_000 });

  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/admin/integration-center');
  const enhanced = page.getByRole('region', { name: 'Enhanced Integrations' });
  await expect(enhanced).toContainText(/http:\/\/localhost:\d+\/api\/v1/);
  await enhanced.getByRole('button', { name: 'Copy example' }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(/^curl -H "X-API-Key: \$API_KEY" \\\n {2}"http:\/\/localhost:\d+\/api\/v1\/me"$/);
  await expect(enhanced.getByRole('link', { name: 'Open the API reference' })).toHaveAttribute('href', '/docs/api');
  await enhanced.getByRole('link', { name: 'API reference', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'API reference' })).toBeVisible();
});
