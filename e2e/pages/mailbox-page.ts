import { expect, type Page } from '@playwright/test';
import { openIntegrationCenterByClickPath } from './navigation';

/** The local Mailbox and one message in it. */
export class MailboxPage {
  constructor(private readonly page: Page) {}

  /** Community logo → Community configuration → Integration center → Mailbox. */
  async openByClickPath() {
    await openIntegrationCenterByClickPath(this.page);
    await this.page.getByRole('link', { name: /Mailbox/ }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Mailbox' })).toBeVisible();
  }

  messages() {
    return this.page.getByRole('region', { name: 'Messages' });
  }

  row(subject: string) {
    return this.messages()
      .getByRole('row')
      .filter({ has: this.page.getByRole('link', { name: subject, exact: true }) });
  }

  /**
   * Messages are queued and delivered in the background: reload, as a person would, until the
   * message is listed and its row says `text` (its kind, or a status).
   */
  async waitForMessage(subject: string, text: string) {
    await expect(async () => {
      await this.page.reload();
      await expect(this.row(subject)).toContainText(text, { timeout: 1_000 });
    }).toPass({ timeout: 15_000, intervals: [250, 500, 1_000] });
  }

  async openMessage(subject: string) {
    await this.messages().getByRole('link', { name: subject, exact: true }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: subject })).toBeVisible();
  }

  plainText() {
    return this.page.getByRole('region', { name: 'Plain text' });
  }

  /** The iframe that shows the HTML part. */
  htmlFrame(subject: string) {
    return this.page.getByTitle(`HTML version of “${subject}”`);
  }
}
