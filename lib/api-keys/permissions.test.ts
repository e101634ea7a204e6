import { describe, expect, it } from 'vitest';
import {
  acceptedPermissionsHeader,
  allows,
  describePermissions,
  isKeyPermissions,
  LEVEL_VALUES,
  NEW_KEY_PERMISSIONS,
  permits,
  readPermissions,
  REQUIRED_PERMISSIONS,
  RESOURCE_VALUES,
  widens,
  type KeyPermissions,
  type PermissionLevel,
  type RequiredPermission,
} from './permissions';

const grant = (projects: PermissionLevel, members: PermissionLevel, feedback: PermissionLevel): KeyPermissions => ({ projects, members, feedback });

describe('the permission table', () => {
  it('has the three resources and levels of SPEC §9, in order', () => {
    expect(RESOURCE_VALUES).toEqual(['projects', 'members', 'feedback']);
    expect(LEVEL_VALUES).toEqual(['none', 'read', 'write']);
    expect(REQUIRED_PERMISSIONS).toEqual(['none', 'projects:read', 'projects:write', 'members:read', 'members:write', 'feedback:read', 'feedback:write']);
  });

  it('starts new keys at Read everywhere', () => {
    expect(NEW_KEY_PERMISSIONS).toEqual(grant('read', 'read', 'read'));
  });
});

describe('allows', () => {
  it.each<[PermissionLevel, PermissionLevel, boolean]>([
    ['none', 'none', true],
    ['none', 'read', false],
    ['none', 'write', false],
    ['read', 'none', true],
    ['read', 'read', true],
    ['read', 'write', false],
    ['write', 'none', true],
    ['write', 'read', true],
    ['write', 'write', true],
  ])('granted %s, required %s → %s', (granted, required, expected) => {
    expect(allows(granted, required)).toBe(expected);
  });
});

describe('permits', () => {
  const readOnlyFeedback = grant('none', 'write', 'read');
  it.each<[RequiredPermission, boolean]>([
    ['none', true],
    ['projects:read', false],
    ['projects:write', false],
    ['members:read', true],
    ['members:write', true],
    ['feedback:read', true],
    ['feedback:write', false],
  ])('%s → %s', (permission, expected) => {
    expect(permits(readOnlyFeedback, permission)).toBe(expected);
  });

  it('needs nothing for "none", even from a key with no access at all', () => {
    expect(permits(grant('none', 'none', 'none'), 'none')).toBe(true);
  });
});

describe('widens', () => {
  it.each<[string, KeyPermissions, KeyPermissions, string[]]>([
    ['nothing changed', grant('read', 'read', 'read'), grant('read', 'read', 'read'), []],
    ['read → write', grant('read', 'read', 'read'), grant('read', 'read', 'write'), ['feedback']],
    ['none → read on two', grant('none', 'none', 'read'), grant('read', 'read', 'read'), ['projects', 'members']],
    ['only narrowed', grant('write', 'write', 'write'), grant('none', 'read', 'write'), []],
    ['narrowed one, widened another', grant('write', 'none', 'read'), grant('none', 'none', 'write'), ['feedback']],
  ])('%s', (_label, from, to, expected) => {
    expect(widens(from, to)).toEqual(expected);
  });
});

describe('readPermissions', () => {
  it('keeps a stored record, in the table’s order', () => {
    expect(Object.entries(readPermissions({ feedback: 'write', members: 'none', projects: 'read' }))).toEqual([
      ['projects', 'read'],
      ['members', 'none'],
      ['feedback', 'write'],
    ]);
  });

  it.each<[string, unknown, KeyPermissions]>([
    ['a missing resource (stored before it existed)', { projects: 'write', members: 'write' }, grant('write', 'write', 'none')],
    ['an unknown level', { projects: 'admin', members: 'read', feedback: 'read' }, grant('none', 'read', 'read')],
    ['an unknown resource', { projects: 'read', members: 'read', feedback: 'read', billing: 'write' }, grant('read', 'read', 'read')],
    ['not an object', 'write', grant('none', 'none', 'none')],
    ['null', null, grant('none', 'none', 'none')],
    ['an array', ['write'], grant('none', 'none', 'none')],
    ['inherited names', JSON.parse('{"__proto__":{"projects":"write"}}'), grant('none', 'none', 'none')],
  ])('reads %s as no more access than stated', (_label, stored, expected) => {
    expect(readPermissions(stored)).toEqual(expected);
  });
});

describe('descriptions', () => {
  it('summarises every resource with the form’s labels', () => {
    expect(describePermissions(grant('read', 'none', 'write'))).toBe('Projects: Read · Members: No access · Feedback: Read and write');
  });

  it.each<[RequiredPermission, string | null]>([
    ['none', null],
    ['projects:read', 'projects=read'],
    ['feedback:write', 'feedback=write'],
  ])('the X-Accepted-Permissions value for %s is %s', (permission, expected) => {
    expect(acceptedPermissionsHeader(permission)).toBe(expected);
  });

  it('recognises a complete permissions record only', () => {
    expect(isKeyPermissions(grant('read', 'none', 'write'))).toBe(true);
    expect(isKeyPermissions({ projects: 'read', members: 'none' })).toBe(false);
    expect(isKeyPermissions({ projects: 'read', members: 'none', feedback: 'all' })).toBe(false);
    expect(isKeyPermissions({ projects: 'read', members: 'none', feedback: 'read', extra: 'read' })).toBe(false);
    expect(isKeyPermissions(['read'])).toBe(false);
  });
});
