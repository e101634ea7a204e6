import 'server-only';
import { getDb } from '@/db/index';
import { endPreviousSecret, lockApiKey, lockLivePreviousSecret, updateApiKeyStatus } from '@/db/queries/api-key-changes';
import { notifyAllSecretsChanged } from '@/db/queries/api-key-lookup';
import { writeAudit } from '@/db/queries/audit';
import { leakedKeyPolicyOf } from '@/db/queries/communities';
import { insertLeakReport } from '@/db/queries/leak-reports';
import { queueLeakNotice } from '@/lib/email/notify-leak';
import { LEAK_REPORTERS, type LeakReporter, type LeakResult } from '@/lib/leaked-keys/leak-report';
import { leakResult } from '@/lib/leaked-keys/leak-result';

export type LeakReport = {
  reporter: LeakReporter;
  /** Where a scanner found the secret; null for a public revoke request. */
  tokenType: string | null;
  url: string | null;
  source: string | null;
  /** The client IP of the request that reported it. */
  reporterIp: string | null;
};

/**
 * A reported secret of a key, handled as every key change is: one transaction that locks the key,
 * records the report, applies the community's policy (disable the key, or end a rotated-out
 * secret's grace period), tells every instance to forget the key, writes the audit entry and
 * queues the security notice. No admin acts: the audit entry names the reporter instead.
 *
 * Idempotent per secret: the report row is unique by the secret's hash, and the key's row lock
 * orders concurrent reports, so a repeat (or a race) finds the row and changes and sends nothing.
 * Resolves to what was done, or null when nothing was (a repeat, or the secret no longer works).
 */
export async function reportLeakedKey({ apiKeyId, communityId, hash, ...report }: LeakReport & { apiKeyId: string; communityId: string; hash: string }): Promise<LeakResult | null> {
  return getDb().transaction(async (tx) => {
    const key = await lockApiKey(tx, { id: apiKeyId, communityId });
    if (!key || key.status === 'deleted') return null; // deleted since it was looked up
    const currentSecret = key.hash === hash;
    const previous = currentSecret ? null : await lockLivePreviousSecret(tx, { apiKeyId, hash });
    if (!currentSecret && !previous) return null; // rotated out, or its grace period ended meanwhile
    const secretHint = previous?.hint ?? key.hint;

    const policy = await leakedKeyPolicyOf(tx, { communityId });
    const result = leakResult({ policy, status: key.status, currentSecret });
    const reportedAt = await insertLeakReport(tx, { communityId, apiKeyId, hash, hint: secretHint, result, ...report });
    if (!reportedAt) return null; // reported before: nothing changes, nothing is sent

    if (result === 'disabled') await updateApiKeyStatus(tx, { id: apiKeyId, status: 'disabled', actorId: null });
    if (result === 'old_secret_ended') await endPreviousSecret(tx, { hash });
    if (result === 'disabled' || result === 'old_secret_ended') await notifyAllSecretsChanged(tx, { apiKeyId });

    const { reporter, reporterIp, url, source, tokenType } = report;
    await writeAudit(tx, {
      communityId,
      actorId: null,
      action: LEAK_REPORTERS[reporter].auditAction,
      apiKeyId,
      ip: reporterIp,
      details: { leakedSecret: secretHint, ...(reporter === 'github' ? { foundAt: url, source, tokenType } : {}), result },
    });
    await queueLeakNotice(tx, { apiKeyId, hash, at: reportedAt, reporter, secretHint, currentSecret, url, source, tokenType, reporterIp, result });
    return result;
  });
}
