import type { ApiErrorCode } from '@/lib/api/errors';
import type { LeakOutcome } from '@/lib/leaked-keys/leak-report';

export type OutcomeTone = 'green' | 'amber' | 'red' | 'slate';

/**
 * The usage chart's split of a key's requests: allowed; refused by the key's own rules (its
 * status, expiry, IP limits, rate limit, permissions, a leak report), which the admin can change;
 * the caller's mistakes after the key was accepted (client errors); and failures on our side.
 */
export const USAGE_GROUPS = {
  allowed: { label: 'Allowed', one: 'allowed', many: 'allowed' },
  refused: { label: 'Refused by the key’s rules', one: 'refused by the key’s rules', many: 'refused by the key’s rules' },
  client_error: { label: 'Client errors', one: 'client error', many: 'client errors' },
  server_error: { label: 'Server errors', one: 'server error', many: 'server errors' },
} as const;
export type UsageGroup = keyof typeof USAGE_GROUPS;
export const USAGE_GROUP_KEYS = Object.keys(USAGE_GROUPS) as UsageGroup[];

/**
 * What the API guard records as a request's outcome: 'ok', or the error code it answered with.
 * One table for the usage chart's split, the request log's labels and its filter.
 * Tones: red for requests refused because of the key or the caller's address, amber for requests
 * the caller got wrong, slate for failures on our side. `keyAccepted`: the key was valid and allowed
 * from the caller's address (the request failed later, if at all): that address used the key.
 * `group`: the usage chart's split (USAGE_GROUPS).
 * A leak report (GitHub secret scanning, a public revoke request) is recorded on the key it named,
 * as a refused request: the reporter holds the secret but did not use it.
 */
export const OUTCOMES = {
  ok: { label: 'Allowed', allowed: true, keyAccepted: true, tone: 'green', group: 'allowed' },
  missing_key: { label: 'Missing key', allowed: false, keyAccepted: false, tone: 'red', group: 'refused' },
  invalid_key: { label: 'Invalid key', allowed: false, keyAccepted: false, tone: 'red', group: 'refused' },
  key_disabled: { label: 'Key disabled', allowed: false, keyAccepted: false, tone: 'red', group: 'refused' },
  key_expired: { label: 'Key expired', allowed: false, keyAccepted: false, tone: 'red', group: 'refused' },
  key_in_url: { label: 'Key in URL', allowed: false, keyAccepted: false, tone: 'red', group: 'refused' },
  ip_not_allowed: { label: 'IP not allowed', allowed: false, keyAccepted: false, tone: 'red', group: 'refused' },
  insufficient_scope: { label: 'Insufficient scope', allowed: false, keyAccepted: true, tone: 'red', group: 'refused' },
  not_found: { label: 'Not found', allowed: false, keyAccepted: true, tone: 'amber', group: 'client_error' },
  method_not_allowed: { label: 'Method not allowed', allowed: false, keyAccepted: true, tone: 'amber', group: 'client_error' },
  unsupported_media_type: { label: 'Unsupported media type', allowed: false, keyAccepted: true, tone: 'amber', group: 'client_error' },
  invalid_json: { label: 'Invalid JSON', allowed: false, keyAccepted: true, tone: 'amber', group: 'client_error' },
  validation_failed: { label: 'Validation failed', allowed: false, keyAccepted: true, tone: 'amber', group: 'client_error' },
  payload_too_large: { label: 'Payload too large', allowed: false, keyAccepted: true, tone: 'amber', group: 'client_error' },
  rate_limited: { label: 'Rate limited', allowed: false, keyAccepted: true, tone: 'amber', group: 'refused' },
  service_unavailable: { label: 'Service unavailable', allowed: false, keyAccepted: false, tone: 'slate', group: 'server_error' },
  internal_error: { label: 'Internal error', allowed: false, keyAccepted: false, tone: 'slate', group: 'server_error' },
  reported_leaked: { label: 'Reported leaked', allowed: false, keyAccepted: false, tone: 'red', group: 'refused' },
  revoked_by_report: { label: 'Revoked by public report', allowed: false, keyAccepted: false, tone: 'red', group: 'refused' },
} as const satisfies Record<'ok' | ApiErrorCode | LeakOutcome, { label: string; allowed: boolean; keyAccepted: boolean; tone: OutcomeTone; group: UsageGroup }>;

export type Outcome = keyof typeof OUTCOMES;

const OUTCOME_CODES = Object.keys(OUTCOMES) as Outcome[];

/** The outcomes counted as allowed; everything else, including an outcome this table does not know, is denied. */
export const ALLOWED_OUTCOMES = OUTCOME_CODES.filter((code) => OUTCOMES[code].allowed);
/** Outcomes that prove the caller holds a working key: they count as use from that address. */
export const KEY_ACCEPTED_OUTCOMES = OUTCOME_CODES.filter((code) => OUTCOMES[code].keyAccepted);
/** The known outcomes of one usage group (an outcome this table does not know reads as refused: describeOutcome). */
export const outcomesOfGroup = (group: UsageGroup) => OUTCOME_CODES.filter((code) => OUTCOMES[code].group === group);
const DENIED_CODES = OUTCOME_CODES.filter((code) => !OUTCOMES[code].allowed) as Exclude<Outcome, 'ok'>[];

function isKnownOutcome(outcome: string): outcome is Outcome {
  return Object.hasOwn(OUTCOMES, outcome);
}

export function isAllowedOutcome(outcome: string): boolean {
  return isKnownOutcome(outcome) && OUTCOMES[outcome].allowed;
}

/** Rows outlive code changes: an outcome no longer in the table still shows, as its raw code, and reads as denied. */
export function describeOutcome(outcome: string): { label: string; allowed: boolean; keyAccepted: boolean; tone: OutcomeTone; group: UsageGroup } {
  return isKnownOutcome(outcome) ? OUTCOMES[outcome] : { label: outcome || 'Unknown', allowed: false, keyAccepted: false, tone: 'red', group: 'refused' };
}

/** The request log's filter: everything, either side of the split, or one error code ('allowed' already means 'ok'). */
export const OUTCOME_FILTERS = ['all', 'allowed', 'denied', ...DENIED_CODES] as const;
export type OutcomeFilter = (typeof OUTCOME_FILTERS)[number];

export function outcomeFilterLabel(filter: OutcomeFilter): string {
  if (filter === 'all') return 'All outcomes';
  if (filter === 'allowed') return 'Allowed';
  if (filter === 'denied') return 'Denied (any error)';
  return OUTCOMES[filter].label;
}

/** `?outcome=` from the URL ('ok' reads as 'allowed'); anything unknown or repeated falls back to 'all'. */
export function parseOutcomeFilter(value: string | string[] | undefined | null): OutcomeFilter {
  if (value === 'ok') return 'allowed';
  return typeof value === 'string' && (OUTCOME_FILTERS as readonly string[]).includes(value) ? (value as OutcomeFilter) : 'all';
}
