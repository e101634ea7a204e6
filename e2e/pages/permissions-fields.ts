import { expect, type Page } from '@playwright/test';

export type ResourceLabel = 'Projects' | 'Members' | 'Feedback';
export type LevelLabel = 'No access' | 'Read' | 'Read and write';
export type PermissionChoices = Partial<Record<ResourceLabel, LevelLabel>>;

/** The Permissions fieldset of the create and edit forms: one radio group per resource. */
export class PermissionsFields {
  constructor(private readonly page: Page) {}

  fieldset() {
    return this.page.getByRole('group', { name: 'Permissions' });
  }

  group(resource: ResourceLabel) {
    return this.fieldset().getByRole('radiogroup', { name: resource });
  }

  radio(resource: ResourceLabel, level: LevelLabel) {
    // exact: "Read" must not match "Read and write".
    return this.group(resource).getByRole('radio', { name: level, exact: true });
  }

  async choose(choices: PermissionChoices) {
    for (const [resource, level] of Object.entries(choices) as [ResourceLabel, LevelLabel][]) await this.radio(resource, level).check();
  }

  async expectChosen(choices: PermissionChoices) {
    for (const [resource, level] of Object.entries(choices) as [ResourceLabel, LevelLabel][]) await expect(this.radio(resource, level)).toBeChecked();
  }
}
