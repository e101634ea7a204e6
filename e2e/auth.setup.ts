import { expect, test as setup } from '@playwright/test';
import { admin, member } from './accounts';
import { SignInPage } from './pages/sign-in-page';

for (const account of [admin, member]) {
  setup(`sign in as ${account.email}`, async ({ page }) => {
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(account.email, account.password);
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    await page.context().storageState({ path: account.storageState });
  });
}
