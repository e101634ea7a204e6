import type { ApiKeyStatus } from '@/lib/key-status';
import { DAY_MS, EXPIRY_REMINDER_DAYS } from './expiry';

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

/** A rotation's old secret works only while the key does: a disabled or expired key has no rotation to show. */
export function oldSecretValidUntil(key: StatefulKey & { rotatingUntil: Date | null }, now = Date.now()): Date | null {
  if (!key.rotatingUntil || key.rotatingUntil.getTime() <= now) return null;
  return keyState(key, now) === 'enabled' ? key.rotatingUntil : null;
}

/** How a key's expiry reads in the list: none, far off, within the days its reminder e-mail covers (soon), or past. */
export function expiryUrgency(expiresAt: Date | null, now = Date.now()): 'never' | 'later' | 'soon' | 'expired' {
  if (!expiresAt) return 'never';
  const left = expiresAt.getTime() - now;
  if (left <= 0) return 'expired';
  return left <= EXPIRY_REMINDER_DAYS * DAY_MS ? 'soon' : 'later';
}
