import { expect, type Page } from '@playwright/test';

/** The key page: details, actions and their dialogs. */
export class ApiKeyPage {
  constructor(private readonly page: Page) {}

  async open(name: string) {
    await this.page.goto('/admin/integration-center/api-keys');
    await this.page.getByRole('link', { name, exact: true }).click();
    await expect(this.page.getByRole('heading', { level: 1, name })).toBeVisible();
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

  async rotate(grace: string): Promise<string> {
    await this.page.getByRole('button', { name: 'Rotate' }).click();
    const dialog = this.dialog(/^Rotate/);
    await dialog.getByLabel(grace).check();
    await dialog.getByRole('button', { name: 'Rotate key' }).click();
    const shown = this.dialog('API key rotated');
    await expect(shown).toContainText('This key will not be shown again');
    const key = await shown.getByLabel('API key').inputValue();
    await shown.getByRole('button', { name: 'Done' }).click();
    return key;
  }
}
