type Tone = 'green' | 'slate' | 'amber' | 'red';

/**
 * Every action the audit log records, with how it reads in the UI (label and badge tone). The
 * stored values, the filter's zod enum and the labels all come from this one table.
 */
export const AUDIT_ACTIONS = {
  'api_key.created': { label: 'Created', tone: 'green' },
  'api_key.edited': { label: 'Edited', tone: 'slate' },
  'api_key.disabled': { label: 'Disabled', tone: 'amber' },
  'api_key.enabled': { label: 'Enabled', tone: 'green' },
  'api_key.rotated': { label: 'Rotated', tone: 'slate' },
  'api_key.deleted': { label: 'Deleted', tone: 'red' },
} as const satisfies Record<string, { label: string; tone: Tone }>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
export const AUDIT_ACTION_VALUES = Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]];

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(AUDIT_ACTIONS, value);
}

/** The stored action is free text: one this version does not know is shown as stored, in neutral. */
export function auditActionLabel(action: string): { label: string; tone: Tone } {
  return isAuditAction(action) ? AUDIT_ACTIONS[action] : { label: action, tone: 'slate' };
}
