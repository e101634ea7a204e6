type Tone = 'green' | 'slate' | 'amber' | 'red';

/**
 * Every action the audit log records, with how it reads in the UI (label and badge tone). The
 * stored values, the filter's zod enum and the labels all come from this one table. `actor` names
 * who acts when no signed-in admin does (a leak report), shown where the admin's name would be.
 */
export const AUDIT_ACTIONS = {
  'api_key.created': { label: 'Created', tone: 'green' },
  'api_key.edited': { label: 'Edited', tone: 'slate' },
  'api_key.disabled': { label: 'Disabled', tone: 'amber' },
  'api_key.enabled': { label: 'Enabled', tone: 'green' },
  'api_key.rotated': { label: 'Rotated', tone: 'slate' },
  'api_key.deleted': { label: 'Deleted', tone: 'red' },
  'api_key.reported_leaked': { label: 'Reported leaked', tone: 'red', actor: 'GitHub secret scanning' },
  'api_key.revoked_by_report': { label: 'Revoked by public report', tone: 'red', actor: 'Public revoke request' },
  'community.leaked_key_policy_changed': { label: 'Leaked key policy changed', tone: 'slate' },
} as const satisfies Record<string, { label: string; tone: Tone; actor?: string }>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
export const AUDIT_ACTION_VALUES = Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]];

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(AUDIT_ACTIONS, value);
}

/** The stored action is free text: one this version does not know is shown as stored, in neutral. */
export function auditActionLabel(action: string): { label: string; tone: Tone } {
  if (!isAuditAction(action)) return { label: action, tone: 'slate' };
  const { label, tone } = AUDIT_ACTIONS[action];
  return { label, tone };
}

/** Who acted on an entry that has no admin: the reporter of a leak, or null (not recorded). */
export function systemActorOf(action: string): string | null {
  if (!isAuditAction(action)) return null;
  const entry = AUDIT_ACTIONS[action];
  return 'actor' in entry ? entry.actor : null;
}
