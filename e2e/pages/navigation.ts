import { expect, type Page } from '@playwright/test';

/** The seed's click path: Community logo → Community configuration → Integration center. */
export async function openIntegrationCenterByClickPath(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Community logo' }).click();
  await page.getByRole('menuitem', { name: 'Community configuration' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Community configuration' })).toBeVisible();
  await page.getByRole('button', { name: 'Community logo' }).click();
  await page.getByRole('menuitem', { name: 'Integration center' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Integration center' })).toBeVisible();
}

/** … → Integration center → API Keys. */
export async function openApiKeysByClickPath(page: Page) {
  await openIntegrationCenterByClickPath(page);
  await page.getByRole('link', { name: /API Keys/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'API Keys' })).toBeVisible();
}
