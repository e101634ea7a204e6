import type { AUDIT_ACTIONS, AuditAction } from '@/db/queries/audit';

/** How each audit action reads in the UI: its label and badge tone. One row per AUDIT_ACTIONS entry. */
export const AUDIT_ACTION_LABELS = {
  'api_key.created': { label: 'Created', tone: 'green' },
  'api_key.edited': { label: 'Edited', tone: 'slate' },
  'api_key.disabled': { label: 'Disabled', tone: 'amber' },
  'api_key.enabled': { label: 'Enabled', tone: 'green' },
  'api_key.rotated': { label: 'Rotated', tone: 'slate' },
  'api_key.deleted': { label: 'Deleted', tone: 'red' },
} as const satisfies Record<(typeof AUDIT_ACTIONS)[number], { label: string; tone: 'green' | 'slate' | 'amber' | 'red' }>;

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(AUDIT_ACTION_LABELS, value);
}

/** The stored action is free text: one this version does not know is shown as stored, in neutral. */
export function auditActionLabel(action: string): { label: string; tone: 'green' | 'slate' | 'amber' | 'red' } {
  return isAuditAction(action) ? AUDIT_ACTION_LABELS[action] : { label: action, tone: 'slate' };
}
