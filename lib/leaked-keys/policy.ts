/**
 * What happens to a key reported leaked (SPEC §11), one setting per community: the Integration
 * center's radio group, its zod enum, the database enum and the audit log's labels read this table.
 */
export const LEAKED_KEY_POLICIES = {
  disable: {
    label: 'Disable it',
    description: 'The key stops working on every instance within a second, and its admin is told. Rotate it, then enable it again.',
  },
  notify: {
    label: 'Only notify',
    description: 'The key keeps working and its admin is told. Choose this only if an outage costs more than a leaked key.',
  },
} as const;

export type LeakedKeyPolicy = keyof typeof LEAKED_KEY_POLICIES;
export const LEAKED_KEY_POLICY_VALUES = Object.keys(LEAKED_KEY_POLICIES) as [LeakedKeyPolicy, ...LeakedKeyPolicy[]];
export const DEFAULT_LEAKED_KEY_POLICY: LeakedKeyPolicy = 'disable';

/** The setting's name, as the page and the audit log show it. */
export const LEAKED_KEY_POLICY_LABEL = 'When a key is reported leaked';

export function isLeakedKeyPolicy(value: unknown): value is LeakedKeyPolicy {
  return typeof value === 'string' && Object.hasOwn(LEAKED_KEY_POLICIES, value);
}
