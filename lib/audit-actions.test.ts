import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '@/db/queries/audit';
import { AUDIT_ACTION_LABELS, auditActionLabel, isAuditAction } from './audit-actions';

describe('audit action labels', () => {
  it('gives every audit action a label of its own, and labels nothing else', () => {
    for (const action of AUDIT_ACTIONS) expect(AUDIT_ACTION_LABELS[action].label.trim()).not.toBe('');
    expect(Object.keys(AUDIT_ACTION_LABELS).sort()).toEqual([...AUDIT_ACTIONS].sort());
    const labels = AUDIT_ACTIONS.map((action) => AUDIT_ACTION_LABELS[action].label);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('reads the key actions as the issue names them', () => {
    expect(AUDIT_ACTIONS.map((action) => auditActionLabel(action).label)).toEqual(['Created', 'Edited', 'Disabled', 'Enabled', 'Rotated', 'Deleted']);
  });

  it('shows an action this version does not know as stored, in a neutral tone', () => {
    expect(isAuditAction('api_key.archived')).toBe(false);
    expect(isAuditAction('toString')).toBe(false);
    expect(auditActionLabel('api_key.archived')).toEqual({ label: 'api_key.archived', tone: 'slate' });
  });
});
