import { expect, type Browser, type Page } from '@playwright/test';
import { baseURL } from '../../playwright.config';

export class SignInPage {
  constructor(private readonly page: Page) {}

  async goto(callbackUrl?: string) {
    await this.page.goto(callbackUrl ? `/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}` : '/sign-in');
    await expect(this.page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  }

  async signIn(email: string, password: string) {
    await this.page.getByLabel('Email').fill(email);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }

  /**
   * A browser of its own, signed in afresh: a session of its own that a test may end (signing out
   * ends it on the server) without signing out the other specs' stored one. Set explicitly, as a
   * new context would otherwise take the spec's `use` options (its stored session, no JavaScript).
   */
  static async newBrowser(browser: Browser, account: { email: string; password: string }, server = baseURL): Promise<Page> {
    const context = await browser.newContext({ baseURL: server, storageState: { cookies: [], origins: [] }, javaScriptEnabled: true });
    const page = await context.newPage();
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(account.email, account.password);
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    return page;
  }
}
