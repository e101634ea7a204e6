/** The states of SPEC §3. Only `enabled` keys (not expired) are valid. */
export const KEY_STATES = {
  enabled: { label: 'Enabled', tone: 'green' },
  disabled: { label: 'Disabled', tone: 'slate' },
  expired: { label: 'Expired', tone: 'amber' },
  deleted: { label: 'Deleted', tone: 'red' },
} as const;

export type KeyState = keyof typeof KEY_STATES;

export function keyState(key: { status: 'enabled' | 'disabled' | 'deleted'; expiresAt: Date | null }, now = Date.now()): KeyState {
  if (key.status !== 'enabled') return key.status;
  if (key.expiresAt && key.expiresAt.getTime() <= now) return 'expired';
  return 'enabled';
}
