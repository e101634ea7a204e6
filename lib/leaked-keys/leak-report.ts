/**
 * Who can report a leaked key, and what a report can lead to. One table each: the audit action,
 * the request log's outcome, the e-mail, the key page's banner and the database read them.
 */
export const LEAK_REPORTERS = {
  github: {
    label: 'GitHub secret scanning',
    auditAction: 'api_key.reported_leaked',
    outcome: 'reported_leaked',
    path: '/api/secret-scanning/github',
    status: 200,
  },
  public: {
    label: 'A public revoke request',
    auditAction: 'api_key.revoked_by_report',
    outcome: 'revoked_by_report',
    path: '/api/credentials/revoke',
    status: 202,
  },
} as const;

export type LeakReporter = keyof typeof LEAK_REPORTERS;
/** What the request log records on the key a report named. */
export type LeakOutcome = (typeof LEAK_REPORTERS)[LeakReporter]['outcome'];
export const LEAK_REPORTER_VALUES = Object.keys(LEAK_REPORTERS) as [LeakReporter, ...LeakReporter[]];

export const LEAK_RESULTS = {
  disabled: {
    label: 'The key was disabled',
    meaning: 'Every integration using this key is now refused with key_disabled. Rotate the key, give your integrations the new secret, then enable the key again.',
  },
  already_disabled: {
    label: 'Nothing: the key was already disabled',
    meaning: 'The key was already disabled. Rotate it before you enable it again: whoever found the secret can use it as soon as the key works.',
  },
  old_secret_ended: {
    label: 'The old secret stopped working at once',
    meaning: 'The reported secret had been replaced by a rotation and was still in its grace period; that period has been ended. The key’s current secret keeps working.',
  },
  notified: {
    label: 'Nothing: the community’s policy is Only notify',
    meaning: 'The key still works, and whoever found the secret can use it. Rotate the key now.',
  },
} as const;

export type LeakResult = keyof typeof LEAK_RESULTS;

export function isLeakReporter(value: unknown): value is LeakReporter {
  return typeof value === 'string' && Object.hasOwn(LEAK_REPORTERS, value);
}

export function isLeakResult(value: unknown): value is LeakResult {
  return typeof value === 'string' && Object.hasOwn(LEAK_RESULTS, value);
}
