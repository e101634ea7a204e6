import 'server-only';
import { findApiKeyForAdmin } from '@/db/queries/api-keys';
import type { AdminContext } from '@/lib/admin-action';
import type { FormState } from '@/lib/form-state';
import { plural } from '@/lib/format';
import { parseIpLimits } from '@/lib/ip-limits';
import type { ApiKeyEditValues } from '@/lib/validations/api-key';
import { editKey, previewIpLimits, type RefusedCaller } from './manage-api-key';

const SHOWN = 5;

/** "These callers would be refused", as one message under the IP limits field. */
export function wouldRefuseMessage(callers: RefusedCaller[]): string {
  const addresses = callers.slice(0, SHOWN).map((caller) => caller.ip ?? 'an unknown address');
  const more = callers.length > SHOWN ? ` and ${callers.length - SHOWN} more` : '';
  return (
    `The new IP limits would refuse ${plural(callers.length, 'address', 'addresses')} that called with this key in the last 30 days: ${addresses.join(', ')}${more}. ` +
    'Nothing was saved. Save again once the page has finished loading to review them and confirm.'
  );
}

/**
 * The edit form posted before its JavaScript ran. The hydrated form shows which recent callers
 * new IP limits would refuse and asks to confirm; a plain post has no such dialog, so it saves
 * only when the IP limits are unchanged or refuse none of them, and otherwise saves nothing.
 */
export async function editKeyWithoutConfirmation(data: ApiKeyEditValues, context: AdminContext): Promise<FormState<{ changed: string[] }>> {
  const key = await findApiKeyForAdmin({ id: data.id, communityId: context.user.communityId });
  const limits = parseIpLimits(data.ipLimits);
  if (key && limits.ok && JSON.stringify(limits.entries) !== JSON.stringify(key.ipLimits)) {
    const dryRun = await previewIpLimits(data, context);
    if (dryRun.data?.length) return { errors: { ipLimits: [wouldRefuseMessage(dryRun.data)] } };
  }
  return editKey(data, context);
}
