import type { ApiKeyStatus } from '@/lib/key-status';

/** GitHub's answer for each reported token: whether it is a real credential of ours. */
export const TOKEN_LABELS = ['true_positive', 'false_positive'] as const;
export type TokenLabel = (typeof TOKEN_LABELS)[number];

/** A stored secret a reported token matched: a key's current one, or one replaced by a rotation. */
export type MatchedSecret = { status: ApiKeyStatus; current: boolean; secretExpiresAt: Date | null };

/**
 * A real credential is one that works or can be made to work again: the current secret of a key
 * that is not deleted (a disabled or expired key can be enabled or extended by an admin), or a
 * secret replaced by a rotation whose grace period has not ended. A deleted key's secret, a secret
 * past its grace period, an unknown hash or a token of another format are false positives.
 */
export function isRealCredential(secret: MatchedSecret | undefined, now: number): secret is MatchedSecret {
  if (!secret || secret.status === 'deleted') return false;
  return secret.current || (secret.secretExpiresAt !== null && secret.secretExpiresAt.getTime() > now);
}

export function tokenLabel(secret: MatchedSecret | undefined, now: number): TokenLabel {
  return isRealCredential(secret, now) ? 'true_positive' : 'false_positive';
}
