import { expect, type Page } from '@playwright/test';

/** The Rate limit fieldset: No limit, or Limit to <requests> per <window>; left as the form has it when not given. */
export type RateLimitChoice = 'No limit' | { requests: number; per: 'second' | 'minute' | 'hour' };

export type ApiKeyFields = { name: string; description?: string; prefix?: string; ipLimits?: string; notify?: boolean; rateLimit?: RateLimitChoice };

export class CreateApiKeyPage {
  constructor(private readonly page: Page) {}

  async fill(fields: ApiKeyFields) {
    const { page } = this;
    await page.getByLabel('Name').fill(fields.name);
    await page.getByLabel('Description').fill(fields.description ?? '');
    await page.getByLabel('Prefix').fill(fields.prefix ?? '');
    await page.getByLabel('Limit access to IP addresses').fill(fields.ipLimits ?? '');
    await page.getByLabel('Receive an email when this API key is used').setChecked(fields.notify ?? false);
    if (fields.rateLimit) await this.chooseRateLimit(fields.rateLimit);
  }

  async chooseRateLimit(choice: RateLimitChoice) {
    const fieldset = this.page.getByRole('group', { name: 'Rate limit' });
    if (choice === 'No limit') return fieldset.getByRole('radio', { name: 'No limit', exact: true }).check();
    await fieldset.getByRole('radio', { name: 'Limit to', exact: true }).check();
    await fieldset.getByLabel('Requests', { exact: true }).fill(String(choice.requests));
    await fieldset.getByLabel('per', { exact: true }).selectOption(choice.per);
  }

  async submit() {
    await this.page.getByRole('button', { name: 'Submit' }).click();
  }

  /** The shown-once dialog. */
  dialog() {
    return this.page.getByRole('dialog', { name: 'API key created' });
  }

  /** The dialog's key field shows every character: nothing scrolled out of sight, all of it on screen. */
  async expectWholeKeyShown() {
    const field = this.dialog().getByLabel('API key');
    await expect(field).toBeInViewport({ ratio: 1 });
    const overflow = await field.evaluate((element) => ({ x: element.scrollWidth - element.clientWidth, y: element.scrollHeight - element.clientHeight }));
    expect(overflow, 'the key field scrolls: part of the key is hidden').toEqual({ x: 0, y: 0 });
  }

  /** The dialog's "Try it" command, with the key written in. */
  tryIt() {
    return this.dialog().getByRole('figure', { name: 'Try it' });
  }

  /** The shown-once dialog: returns the key it displays. */
  async createdKey(): Promise<string> {
    const dialog = this.dialog();
    await expect(dialog).toBeVisible();
    await expect(dialog.getByText('This key will not be shown again')).toBeVisible();
    return dialog.getByLabel('API key').inputValue();
  }

  /** The error shown beside a field, found the way assistive technology finds it. */
  async errorFor(label: string) {
    const control = this.page.getByLabel(label);
    await expect(control).toHaveAttribute('aria-invalid', 'true');
    const ids = (await control.getAttribute('aria-describedby'))?.split(' ') ?? [];
    const errorId = ids.find((id) => id.endsWith('-error'));
    expect(errorId, `${label} has an error linked by aria-describedby`).toBeTruthy();
    return this.page.locator(`[id="${errorId}"]`);
  }
}
