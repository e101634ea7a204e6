'use server';

import { revalidatePath } from 'next/cache';
import { adminAction } from '@/lib/admin-action';
import { formAction } from '@/lib/form-action';
import { changeLeakedKeyPolicy } from '@/lib/leaked-keys/change-policy';
import { routes } from '@/lib/routes';
import { leakedKeyPolicySchema } from '@/lib/validations/leaked-key-policy';

export const changeLeakedKeyPolicyAction = adminAction(leakedKeyPolicySchema, async (data, context) => {
  const result = await changeLeakedKeyPolicy(data, context);
  if (result.data?.changed) revalidatePath(routes.integrationCenter);
  return result;
});

// The policy form's target (lib/form-action.ts): a post before hydration saves, and the page re-renders with the new choice.
export const changeLeakedKeyPolicyFormAction = formAction(leakedKeyPolicySchema, changeLeakedKeyPolicyAction, { echo: 'all' });
