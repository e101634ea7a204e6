import { expect, type Locator, type Page } from '@playwright/test';

/** The key page: details, actions and their dialogs. */
export class ApiKeyPage {
  constructor(private readonly page: Page) {}

  /** Searches the list for the key, as a person would among many keys (the list is paged), and opens it. */
  async open(name: string) {
    await this.page.goto(`/admin/integration-center/api-keys?q=${encodeURIComponent(name)}`);
    await this.page.getByRole('link', { name, exact: true }).click();
    await expect(this.page.getByRole('heading', { level: 1, name })).toBeVisible();
  }

  /** The key's id, from the key page's URL. */
  id(): string {
    return new URL(this.page.url()).pathname.split('/').pop() as string;
  }

  details() {
    return this.page.getByRole('region', { name: 'Details' });
  }

  /** The value of one row of Details, by its term ("Expires", "Last used", …). */
  detail(term: string) {
    const row = this.details().locator('div').filter({ has: this.page.getByRole('term').filter({ hasText: new RegExp(`^${term}$`) }) });
    return row.getByRole('definition');
  }

  /** Usage is written in batches within about a second: reload, as a person would, until it shows. */
  async waitForUseFrom(ip: string) {
    await expect(async () => {
      await this.page.reload();
      await expect(this.details()).toContainText(`from ${ip}`, { timeout: 1_000 });
    }).toPass({ timeout: 10_000 });
  }

  dialog(name: string | RegExp) {
    return this.page.getByRole('dialog', { name });
  }

  async disable(expectImpact: RegExp) {
    await this.page.getByRole('button', { name: 'Disable' }).click();
    const dialog = this.dialog(/^Disable/);
    await expect(dialog).toContainText(expectImpact);
    await expect(dialog).toContainText('Every integration using this key stops working');
    await dialog.getByRole('button', { name: 'Disable key' }).click();
    await expect(this.page.getByText(/is disabled/)).toBeVisible();
  }

  async enable() {
    await this.page.getByRole('button', { name: 'Enable' }).click();
    await expect(this.page.getByText(/is enabled again/)).toBeVisible();
  }

  async delete(name: string) {
    await this.page.getByRole('button', { name: 'Delete' }).click();
    const dialog = this.dialog(/^Delete/);
    await expect(dialog).toContainText('This cannot be undone');
    const confirm = dialog.getByRole('button', { name: 'Delete key' });
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel(`Type “${name}” to confirm`).fill(name);
    await confirm.click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'API Keys' })).toBeVisible();
  }

  /** Rotates with this grace period; `check` looks at the shown-once dialog before Done. */
  async rotate(grace: string, check?: (shown: Locator) => Promise<void>): Promise<string> {
    await this.page.getByRole('button', { name: 'Rotate' }).click();
    const dialog = this.dialog(/^Rotate/);
    await dialog.getByLabel(grace).check();
    await dialog.getByRole('button', { name: 'Rotate key' }).click();
    const shown = this.dialog('API key rotated');
    await expect(shown).toContainText('This key will not be shown again');
    await check?.(shown);
    const key = await shown.getByLabel('API key').inputValue();
    await shown.getByRole('button', { name: 'Done' }).click();
    return key;
  }
}
