import 'server-only';
import { getDb } from '@/db/index';
import { writeAudit } from '@/db/queries/audit';
import { lockCommunity, updateLeakedKeyPolicy } from '@/db/queries/communities';
import type { AdminContext } from '@/lib/admin-action';
import type { FormState } from '@/lib/form-state';
import type { LeakedKeyPolicyValues } from '@/lib/validations/leaked-key-policy';

/** Saves the admin's community's "When a key is reported leaked", audited (from → to) in the same transaction. */
export async function changeLeakedKeyPolicy({ policy }: LeakedKeyPolicyValues, { user, ip }: AdminContext): Promise<FormState<{ changed: boolean }>> {
  return getDb().transaction(async (tx) => {
    const community = await lockCommunity(tx, { id: user.communityId });
    if (!community) return { message: 'This community no longer exists.' };
    if (community.leakedKeyPolicy === policy) return { ok: true, data: { changed: false } };
    await updateLeakedKeyPolicy(tx, { id: community.id, policy });
    await writeAudit(tx, {
      communityId: community.id,
      actorId: user.id,
      action: 'community.leaked_key_policy_changed',
      ip,
      details: { changes: { leakedKeyPolicy: { from: community.leakedKeyPolicy, to: policy } } },
    });
    return { ok: true, data: { changed: true } };
  });
}
