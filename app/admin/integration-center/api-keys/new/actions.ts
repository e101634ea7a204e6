'use server';

import { revalidatePath } from 'next/cache';
import { adminAction } from '@/lib/admin-action';
import { issueApiKey } from '@/lib/api-keys/create-api-key';
import { formAction } from '@/lib/form-action';
import { routes } from '@/lib/routes';
import { apiKeyFormSchema } from '@/lib/validations/api-key';

export const createApiKeyAction = adminAction(
  apiKeyFormSchema,
  async (data, context) => {
    const result = await issueApiKey(data, context);
    if (result.ok) {
      revalidatePath(routes.apiKeys);
      revalidatePath(routes.integrationCenter);
    }
    return result;
  },
  { ifUnreachable: 'no key was created' },
);

// The create form's target (lib/form-action.ts). Posted before its JavaScript ran, the answer
// carries the new key, and the page's dialog shows it once the page is interactive.
export const createApiKeyFormAction = formAction(apiKeyFormSchema, createApiKeyAction, { echo: 'all' });
