import { describe, expect, it } from 'vitest';
import { describeDetails, fieldLabel } from './describe-details';

describe('describeDetails', () => {
  it('lists what an edit changed, old and new value, with readable labels', () => {
    const described = describeDetails({
      changes: {
        name: { from: 'Jira', to: 'Jira sync' },
        ipLimits: { from: [], to: ['10.0.0.0/24', '2001:db8::/32'] },
        notifyOnUse: { from: false, to: true },
        expiresAt: { from: null, to: '2027-01-31T00:00:00.000Z' },
      },
    });
    expect(described.fields).toEqual([]);
    expect(described.changes).toEqual([
      { key: 'name', label: 'Name', from: { kind: 'text', text: 'Jira' }, to: { kind: 'text', text: 'Jira sync' } },
      { key: 'ipLimits', label: 'IP limits', mono: true, from: { kind: 'none' }, to: { kind: 'list', items: ['10.0.0.0/24', '2001:db8::/32'] } },
      { key: 'notifyOnUse', label: 'Notify on use', from: { kind: 'text', text: 'No' }, to: { kind: 'text', text: 'Yes' } },
      { key: 'expiresAt', label: 'Expires', from: { kind: 'none' }, to: { kind: 'date', value: new Date('2027-01-31T00:00:00.000Z') } },
    ]);
  });

  it('shows a permissions change as one line per resource that changed, with the form’s labels', () => {
    const described = describeDetails({
      changes: {
        permissions: { from: { projects: 'read', members: 'read', feedback: 'read' }, to: { projects: 'read', members: 'none', feedback: 'write' } },
        name: { from: 'a', to: 'b' },
      },
    });
    expect(described.changes).toEqual([
      { key: 'name', label: 'Name', from: { kind: 'text', text: 'a' }, to: { kind: 'text', text: 'b' } },
      { key: 'permissions.members', label: 'Members permission', from: { kind: 'text', text: 'Read' }, to: { kind: 'text', text: 'No access' } },
      { key: 'permissions.feedback', label: 'Feedback permission', from: { kind: 'text', text: 'Read' }, to: { kind: 'text', text: 'Read and write' } },
    ]);
  });

  it('shows a key’s permissions at creation on one line, and an odd stored shape as it is', () => {
    expect(describeDetails({ permissions: { projects: 'write', members: 'none', feedback: 'read' } }).fields).toEqual([
      { key: 'permissions', label: 'Permissions', value: { kind: 'text', text: 'Projects: Read and write · Members: No access · Feedback: Read' } },
    ]);
    expect(describeDetails({ changes: { permissions: { from: 'all', to: { projects: 'read' } } } }).changes).toEqual([
      { key: 'permissions', label: 'Permissions', from: { kind: 'text', text: 'all' }, to: { kind: 'fields', fields: [{ key: 'projects', label: 'Projects', value: { kind: 'text', text: 'read' } }] } },
    ]);
  });

  it('shows a rate limit change readably, No limit included, at creation too', () => {
    expect(describeDetails({ changes: { rateLimit: { from: { limit: 1000, window: 'minute' }, to: { limit: 10, window: 'second' } } } }).changes).toEqual([
      { key: 'rateLimit', label: 'Rate limit', from: { kind: 'text', text: '1,000 per minute' }, to: { kind: 'text', text: '10 per second' } },
    ]);
    expect(describeDetails({ changes: { rateLimit: { from: null, to: { limit: 5, window: 'hour' } } } }).changes).toEqual([
      { key: 'rateLimit', label: 'Rate limit', from: { kind: 'text', text: 'No limit' }, to: { kind: 'text', text: '5 per hour' } },
    ]);
    expect(describeDetails({ rateLimit: null }).fields).toEqual([{ key: 'rateLimit', label: 'Rate limit', value: { kind: 'text', text: 'No limit' } }]);
  });

  it('reads the leaked-key policy and a leak report with the UI’s words', () => {
    expect(describeDetails({ changes: { leakedKeyPolicy: { from: 'disable', to: 'notify' } } }).changes).toEqual([
      { key: 'leakedKeyPolicy', label: 'When a key is reported leaked', from: { kind: 'text', text: 'Disable it' }, to: { kind: 'text', text: 'Only notify' } },
    ]);
    const report = describeDetails({ result: 'disabled', source: 'commit', foundAt: 'https://github.com/o/r/blob/1/.env', leakedSecret: 'acme_…a1B2' });
    expect(report.fields.map((field) => [field.label, field.value])).toEqual([
      ['Leaked secret', { kind: 'text', text: 'acme_…a1B2' }],
      ['Found at', { kind: 'text', text: 'https://github.com/o/r/blob/1/.env' }],
      ['Source', { kind: 'text', text: 'commit' }],
      ['What was done', { kind: 'text', text: 'The key was disabled' }],
    ]);
  });

  it('shows other details as label/value pairs, nested records as nested fields', () => {
    const described = describeDetails({ graceUntil: '2026-11-27T08:00:00Z', impact: { integrations: 1200 }, lastActorRole: 'admin' });
    expect(described.changes).toEqual([]);
    expect(described.fields).toEqual([
      { key: 'graceUntil', label: 'Old secret works until', value: { kind: 'date', value: new Date('2026-11-27T08:00:00Z') } },
      { key: 'impact', label: 'Impact', value: { kind: 'fields', fields: [{ key: 'integrations', label: 'Integrations', value: { kind: 'text', text: '1,200' } }] } },
      { key: 'lastActorRole', label: 'Last actor role', value: { kind: 'text', text: 'admin' } },
    ]);
  });

  it('never fails on odd shapes: empty, not an object, malformed changes', () => {
    expect(describeDetails({})).toEqual({ changes: [], fields: [] });
    expect(describeDetails(null)).toEqual({ changes: [], fields: [] });
    expect(describeDetails('text')).toEqual({ changes: [], fields: [] });
    expect(describeDetails({ changes: 'renamed' }).fields).toEqual([{ key: 'changes', label: 'Changes', value: { kind: 'text', text: 'renamed' } }]);
    const mixed = describeDetails({ changes: { name: { from: 'a', to: 'b' }, odd: 3 } });
    expect(mixed.changes.map((change) => change.key)).toEqual(['name']);
    expect(mixed.fields).toEqual([{ key: 'changes', label: 'Changes', value: { kind: 'fields', fields: [{ key: 'odd', label: 'Odd', value: { kind: 'text', text: '3' } }] } }]);
  });

  it('writes records nested too deep on one line, never as JSON', () => {
    const described = describeDetails({ a: { b: { c: { d: 1, e: 2 } } } });
    expect(described.fields).toEqual([
      {
        key: 'a',
        label: 'A',
        value: { kind: 'fields', fields: [{ key: 'b', label: 'B', value: { kind: 'fields', fields: [{ key: 'c', label: 'C', value: { kind: 'text', text: 'D: 1; E: 2' } }] } }] },
      },
    ]);
  });

  it('shows known fields in a fixed order (jsonb does not keep it), key fragments in monospace', () => {
    const described = describeDetails({ hint: 'acme_…x9Qa', name: 'Jira sync', zebra: 1, prefix: 'acme', alpha: 2 });
    expect(described.fields.map((field) => [field.label, field.mono ?? false])).toEqual([
      ['Name', false],
      ['Prefix', true],
      ['Key', true],
      ['Alpha', false],
      ['Zebra', false],
    ]);
  });

  it('does not mistake a plain string for a date', () => {
    expect(describeDetails({ name: '2026 roadmap' }).fields[0].value).toEqual({ kind: 'text', text: '2026 roadmap' });
  });
});

describe('fieldLabel', () => {
  it('humanises names it has no label for', () => {
    expect(fieldLabel('notifyUserId')).toBe('Notify user id');
    expect(fieldLabel('grace_until')).toBe('Grace until');
    expect(fieldLabel('ipLimits')).toBe('IP limits');
    expect(fieldLabel('constructor')).toBe('Constructor');
  });
});
