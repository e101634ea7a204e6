import { expect, type Page } from '@playwright/test';

const LIST = '/admin/integration-center/api-keys';

/**
 * The page of keys streams in after the list's header and search form: until then the list says
 * "Loading API keys…". Reading the list before that would read nothing.
 */
export async function keysLoaded(page: Page) {
  await expect(page.getByRole('status').filter({ hasText: 'Loading API keys…' })).toHaveCount(0);
}

/** The API Keys list: its search form and the names of the keys on the page shown. */
export class ApiKeyListPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto(LIST);
    await keysLoaded(this.page);
  }

  form() {
    return this.page.getByRole('search', { name: 'Search API keys' });
  }

  searchBox() {
    return this.form().getByLabel('Search', { exact: true });
  }

  /**
   * On the list: chooses each select's option by label (`{ Status: 'Disabled' }`), types `text`
   * into Search and presses Enter there, as a keyboard user would; waits for the new page.
   */
  async search(text: string, selects: Record<string, string> = {}) {
    for (const [label, option] of Object.entries(selects)) await this.form().getByLabel(label, { exact: true }).selectOption({ label: option });
    await this.searchBox().fill(text);
    await this.searchBox().press('Enter');
    await this.page.waitForURL((url) => url.pathname === LIST && url.searchParams.get('q') === text);
    await keysLoaded(this.page);
  }

  /** The key names in the table, in the order shown. */
  async names() {
    await keysLoaded(this.page);
    return this.page.getByRole('table').getByRole('rowheader').getByRole('link').allTextContents();
  }
}
