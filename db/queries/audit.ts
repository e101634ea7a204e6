import 'server-only';
import type { Tx } from '../index';
import { auditLog } from '../schema';

export const AUDIT_ACTIONS = ['api_key.created', 'api_key.edited', 'api_key.disabled', 'api_key.enabled', 'api_key.rotated', 'api_key.deleted'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Always called inside the transaction that makes the change, so the log never disagrees with the data. */
export async function writeAudit(
  tx: Tx,
  entry: { communityId: string; actorId: string; action: AuditAction; apiKeyId?: string; ip: string | null; details?: Record<string, unknown> },
) {
  await tx.insert(auditLog).values({ ...entry, details: entry.details ?? {} });
}
