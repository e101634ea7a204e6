import type { ApiKeyStatus } from '@/lib/key-status';

/** The states of SPEC §3. Only `enabled` keys (not expired) are valid. */
export const KEY_STATES = {
  enabled: { label: 'Enabled', tone: 'green' },
  disabled: { label: 'Disabled', tone: 'slate' },
  expired: { label: 'Expired', tone: 'amber' },
  deleted: { label: 'Deleted', tone: 'red' },
} as const;

export type KeyState = keyof typeof KEY_STATES;

type StatefulKey = { status: ApiKeyStatus; expiresAt: Date | null; secretExpiresAt?: Date | null };

/** A secret replaced by a rotation expires at the end of its grace period, like a key at its expiry. */
export function keyState(key: StatefulKey, now = Date.now()): KeyState {
  if (key.status !== 'enabled') return key.status;
  if (key.expiresAt && key.expiresAt.getTime() <= now) return 'expired';
  if (key.secretExpiresAt && key.secretExpiresAt.getTime() <= now) return 'expired';
  return 'enabled';
}
