import type { ApiKeyStatus } from '@/lib/key-status';
import type { LeakResult } from './leak-report';
import type { LeakedKeyPolicy } from './policy';

/**
 * What a report of a real secret does. A key already disabled stays as it is; otherwise the
 * community's policy decides. A secret already replaced by a rotation (still in its grace period)
 * is ended on its own, so the current secret, which did not leak, keeps working.
 */
export function leakResult({ policy, status, currentSecret }: { policy: LeakedKeyPolicy; status: Exclude<ApiKeyStatus, 'deleted'>; currentSecret: boolean }): LeakResult {
  if (currentSecret && status === 'disabled') return 'already_disabled';
  if (policy === 'notify') return 'notified';
  return currentSecret ? 'disabled' : 'old_secret_ended';
}
