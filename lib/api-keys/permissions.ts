/**
 * What a key may do, per API resource (Stripe's restricted keys: None / Read / Write). One table
 * drives the forms, the guard, the summaries, the e-mail and the docs: adding a resource is one
 * line here plus its routes. Keys stored before a resource existed read as "No access" to it.
 */

export const PERMISSION_RESOURCES = {
  projects: { label: 'Projects', description: 'The community’s projects and their details.' },
  members: { label: 'Members', description: 'Who is in the community: names and e-mail addresses.' },
  feedback: { label: 'Feedback', description: 'Feedback on projects; writing sends new feedback.' },
} as const;

/** In order of power: each level includes the ones before it (write includes read). */
export const PERMISSION_LEVELS = {
  none: { label: 'No access' },
  read: { label: 'Read' },
  write: { label: 'Read and write' },
} as const;

export type PermissionResource = keyof typeof PERMISSION_RESOURCES;
export type PermissionLevel = keyof typeof PERMISSION_LEVELS;
export type KeyPermissions = Record<PermissionResource, PermissionLevel>;

export const RESOURCE_VALUES = Object.keys(PERMISSION_RESOURCES) as [PermissionResource, ...PermissionResource[]];
export const LEVEL_VALUES = Object.keys(PERMISSION_LEVELS) as [PermissionLevel, ...PermissionLevel[]];

/** What a route declares it needs: `'feedback:write'`, or `'none'` for one any valid key may call. */
export type RequiredPermission = 'none' | `${PermissionResource}:${Exclude<PermissionLevel, 'none'>}`;

export const REQUIRED_PERMISSIONS: readonly RequiredPermission[] = [
  'none',
  ...RESOURCE_VALUES.flatMap((resource) => [`${resource}:read`, `${resource}:write`] as const),
];

const rank = (level: PermissionLevel) => LEVEL_VALUES.indexOf(level);

const isResource = (value: unknown): value is PermissionResource => typeof value === 'string' && Object.hasOwn(PERMISSION_RESOURCES, value);
const isLevel = (value: unknown): value is PermissionLevel => typeof value === 'string' && Object.hasOwn(PERMISSION_LEVELS, value);

export function isRequiredPermission(value: unknown): value is RequiredPermission {
  return typeof value === 'string' && (REQUIRED_PERMISSIONS as readonly string[]).includes(value);
}

/** Whether a granted level covers the one required. */
export function allows(granted: PermissionLevel, required: PermissionLevel): boolean {
  return rank(granted) >= rank(required);
}

/** The same level for every resource. */
export function everywhere(level: PermissionLevel): KeyPermissions {
  return Object.fromEntries(RESOURCE_VALUES.map((resource) => [resource, level])) as KeyPermissions;
}

/** What a new key starts with: least privilege that still lets an integration look around. */
export const NEW_KEY_PERMISSIONS: KeyPermissions = everywhere('read');

/** The resource and level a route needs, or null when it needs none. */
export function requirementOf(permission: RequiredPermission): { resource: PermissionResource; level: PermissionLevel } | null {
  if (permission === 'none') return null;
  const [resource, level] = permission.split(':') as [PermissionResource, PermissionLevel];
  return { resource, level };
}

/** Whether a key with these permissions may call a route that declares `permission`. */
export function permits(permissions: KeyPermissions, permission: RequiredPermission): boolean {
  const required = requirementOf(permission);
  return required === null || allows(permissions[required.resource], required.level);
}

/** "Feedback: Read and write" */
export function describeGrant(resource: PermissionResource, level: PermissionLevel): string {
  return `${PERMISSION_RESOURCES[resource].label}: ${PERMISSION_LEVELS[level].label}`;
}

/** What a route needs, for people: "Feedback: Read and write", or null when any valid key may call it. */
export function describeRequirement(permission: RequiredPermission): string | null {
  const required = requirementOf(permission);
  return required && describeGrant(required.resource, required.level);
}

/** "Projects: Read · Members: No access · Feedback: Read and write" */
export function describePermissions(permissions: KeyPermissions): string {
  return RESOURCE_VALUES.map((resource) => describeGrant(resource, permissions[resource])).join(' · ');
}

/** The resources whose level rises from `from` to `to`: any of them makes the change a widening. */
export function widens(from: KeyPermissions, to: KeyPermissions): PermissionResource[] {
  return RESOURCE_VALUES.filter((resource) => rank(to[resource]) > rank(from[resource]));
}

/**
 * Permissions as stored (jsonb outlives code): every resource of the table, in its order; a
 * resource missing or holding an unknown level reads as "No access", never as more.
 */
export function readPermissions(stored: unknown): KeyPermissions {
  const record = typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
  return Object.fromEntries(
    RESOURCE_VALUES.map((resource) => {
      const level = Object.hasOwn(record, resource) ? record[resource] : undefined;
      return [resource, isLevel(level) ? level : 'none'];
    }),
  ) as KeyPermissions;
}

/** Whether a value is a complete permissions record with nothing else in it (audit details, e-mail). */
export function isKeyPermissions(value: unknown): value is KeyPermissions {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return entries.length === RESOURCE_VALUES.length && entries.every(([resource, level]) => isResource(resource) && isLevel(level));
}

/** The `X-Accepted-Permissions` value for a route (GitHub's X-Accepted-GitHub-Permissions): "feedback=write". */
export function acceptedPermissionsHeader(permission: RequiredPermission): string | null {
  const required = requirementOf(permission);
  return required && `${required.resource}=${required.level}`;
}
