import { expect, test } from '@playwright/test';
import { admin, member } from './accounts';
import { openApiKeysByClickPath } from './pages/navigation';
import { SignInPage } from './pages/sign-in-page';

test.describe('admin', () => {
  test.use({ storageState: admin.storageState });

  test('reaches the API Keys page by the click path, with breadcrumbs', async ({ page }) => {
    await openApiKeysByClickPath(page);
    const breadcrumb = page.getByRole('navigation', { name: 'Breadcrumb' });
    await expect(breadcrumb.getByRole('link', { name: 'Community configuration' })).toBeVisible();
    await expect(breadcrumb.getByRole('link', { name: 'Integration center' })).toBeVisible();
    await expect(breadcrumb.getByText('API Keys')).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('link', { name: 'Create an API Key' })).toBeVisible();
  });

  test('the menu opens and closes with the keyboard', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Community logo' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('menuitem', { name: 'Community configuration' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu')).toBeHidden();
    await expect(page.getByRole('button', { name: 'Community logo' })).toBeFocused();
  });
});

test.describe('member', () => {
  test.use({ storageState: member.storageState });

  test('does not see admin entries and is refused on admin pages', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Community logo' }).click();
    await expect(page.getByRole('menuitem', { name: 'Home' })).toBeVisible();
    await expect(page.getByRole('menuitem', { name: 'Community configuration' })).toHaveCount(0);
    await expect(page.getByRole('menuitem', { name: 'Integration center' })).toHaveCount(0);
    await page.keyboard.press('Escape');

    for (const path of ['/admin', '/admin/integration-center', '/admin/integration-center/api-keys']) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
      await expect(page.getByRole('heading', { name: 'API Keys' })).toHaveCount(0);
    }
  });
});

test.describe('signed out', () => {
  test('is sent to sign-in and back to the page asked for', async ({ page }) => {
    await page.goto('/admin/integration-center');
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fadmin%2Fintegration-center/);
    await new SignInPage(page).signIn(admin.email, admin.password);
    await expect(page).toHaveURL(/\/admin\/integration-center$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Integration center' })).toBeVisible();
  });

  test('a wrong password shows a friendly error and keeps you out', async ({ page }) => {
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(admin.email, 'not-the-password');
    await expect(page.getByRole('alert').filter({ hasText: 'That e-mail and password do not match an account.' })).toBeVisible();
    await page.goto('/admin');
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test('sign out ends the session', async ({ page }) => {
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(admin.email, admin.password);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.goto('/admin');
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fadmin/);
  });
});
