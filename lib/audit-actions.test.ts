import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_VALUES, AUDIT_ACTIONS, auditActionLabel, isAuditAction, systemActorOf } from './audit-actions';

describe('audit action labels', () => {
  it('gives every audit action a label of its own', () => {
    for (const action of AUDIT_ACTION_VALUES) expect(AUDIT_ACTIONS[action].label.trim()).not.toBe('');
    const labels = AUDIT_ACTION_VALUES.map((action) => AUDIT_ACTIONS[action].label);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('reads the key actions as the issue names them', () => {
    expect(AUDIT_ACTION_VALUES.map((action) => auditActionLabel(action).label)).toEqual([
      'Created',
      'Edited',
      'Disabled',
      'Enabled',
      'Rotated',
      'Deleted',
      'Reported leaked',
      'Revoked by public report',
      'Leaked key policy changed',
    ]);
  });

  it('names who acted when no admin did: the reporter of a leak', () => {
    expect(systemActorOf('api_key.reported_leaked')).toBe('GitHub secret scanning');
    expect(systemActorOf('api_key.revoked_by_report')).toBe('Public revoke request');
    expect(systemActorOf('api_key.disabled')).toBeNull();
    expect(systemActorOf('api_key.archived')).toBeNull();
  });

  it('shows an action this version does not know as stored, in a neutral tone', () => {
    expect(isAuditAction('api_key.archived')).toBe(false);
    expect(isAuditAction('toString')).toBe(false);
    expect(auditActionLabel('api_key.archived')).toEqual({ label: 'api_key.archived', tone: 'slate' });
  });
});
