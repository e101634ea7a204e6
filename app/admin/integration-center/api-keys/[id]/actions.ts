'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { adminAction } from '@/lib/admin-action';
import { editKeyWithoutConfirmation } from '@/lib/api-keys/edit-without-confirmation';
import { changeKeyStatus, deleteKey, editKey, previewIpLimits, rotateKey } from '@/lib/api-keys/manage-api-key';
import { formAction } from '@/lib/form-action';
import type { FormState } from '@/lib/form-state';
import { routes } from '@/lib/routes';
import { apiKeyEditSchema, apiKeyIdSchema, deleteApiKeySchema, previewIpLimitsSchema, rotateApiKeySchema } from '@/lib/validations/api-key';

// Every page under API Keys (list, key page, edit) shows what these change.
function refreshed<T>(result: FormState<T>): FormState<T> {
  if (result.ok) {
    revalidatePath(routes.apiKeys, 'layout');
    revalidatePath(routes.integrationCenter);
  }
  return result;
}

// Each action says what is still so when the database cannot be reached (lib/admin-action.ts).
export const editApiKeyAction = adminAction(apiKeyEditSchema, async (data, context) => refreshed(await editKey(data, context)), {
  ifUnreachable: 'nothing was saved',
});
// The edit form's target (lib/form-action.ts). Posted before its JavaScript ran, it cannot ask to
// confirm refusing recent callers, and on success goes to the key's page as the hydrated form does.
export const editApiKeyFormAction = formAction(apiKeyEditSchema, editApiKeyAction, {
  echo: 'all',
  posted: adminAction(
    apiKeyEditSchema,
    async (data, context) => {
      const result = refreshed(await editKeyWithoutConfirmation(data, context));
      if (result.ok) redirect(routes.apiKey(data.id));
      return result;
    },
    { ifUnreachable: 'nothing was saved' },
  ),
});
export const disableApiKeyAction = adminAction(apiKeyIdSchema, async ({ id }, context) => refreshed(await changeKeyStatus(id, 'disabled', context)), {
  ifUnreachable: 'the key is still enabled',
});
export const enableApiKeyAction = adminAction(apiKeyIdSchema, async ({ id }, context) => refreshed(await changeKeyStatus(id, 'enabled', context)), {
  ifUnreachable: 'the key is still disabled',
});
export const rotateApiKeyAction = adminAction(rotateApiKeySchema, async (data, context) => refreshed(await rotateKey(data, context)), {
  ifUnreachable: 'the key was not rotated, and its current secret still works',
});
export const deleteApiKeyAction = adminAction(deleteApiKeySchema, async (data, context) => refreshed(await deleteKey(data, context)), {
  ifUnreachable: 'the key still exists',
});
// Runs first when Save changes new IP limits: to the admin it is the save that failed.
export const previewIpLimitsAction = adminAction(previewIpLimitsSchema, previewIpLimits, { ifUnreachable: 'nothing was saved' });
