import { expect, test, type Page } from '@playwright/test';
import { SignInPage } from './pages/sign-in-page';

const THROTTLED = /^Too many sign-in attempts\. Try again in (\d+) minutes?\.$/;

/** The sign-in action's answer: the alert alone cannot tell one attempt's message from the last. */
function actionAnswered(page: Page) {
  return page.waitForResponse((response) => response.request().method() === 'POST' && 'next-action' in response.request().headers());
}

// A made-up address, new each run, so the seeded accounts the other specs sign in as are never
// throttled. All e2e traffic comes from 127.0.0.1: these 5 failures count towards its 100 per hour.
test('five wrong passwords for an address, then the page asks to wait', async ({ page }) => {
  const email = `throttled-${Date.now()}@example.test`;
  const signIn = new SignInPage(page);
  await signIn.goto();

  for (let i = 1; i <= 5; i++) {
    const answered = actionAnswered(page);
    await signIn.signIn(email, `wrong-password-${i}`);
    await answered;
    await expect(page.getByRole('alert').filter({ hasText: 'That e-mail and password do not match an account.' })).toBeVisible();
  }

  const answered = actionAnswered(page);
  await signIn.signIn(email, 'wrong-password-6');
  await answered;
  const alert = page.getByRole('alert').filter({ hasText: 'Too many sign-in attempts' });
  await expect(alert).toHaveText(THROTTLED);
  const minutes = Number(THROTTLED.exec((await alert.textContent()) ?? '')?.[1]);
  // 15 minutes, plus up to one more window while the failures slide out of it.
  expect(minutes).toBeGreaterThanOrEqual(15);
  expect(minutes).toBeLessThanOrEqual(30);
  await expect(page).toHaveURL(/\/sign-in/);
});
