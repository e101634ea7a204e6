import { describePermissions, isKeyPermissions, PERMISSION_LEVELS, PERMISSION_RESOURCES, RESOURCE_VALUES } from '@/lib/api-keys/permissions';
import { describeRateLimit, isKeyRateLimit } from '@/lib/api-keys/rate-limit-policy';
import { formatCount } from '@/lib/format';
import { isLeakResult, LEAK_RESULTS } from '@/lib/leaked-keys/leak-report';
import { isLeakedKeyPolicy, LEAKED_KEY_POLICIES, LEAKED_KEY_POLICY_LABEL } from '@/lib/leaked-keys/policy';

/**
 * Turns an audit entry's `details` (free-form JSON written by each action) into labelled values
 * the page can render: a "what changed" list for `changes`, label/value pairs for the rest.
 */

export type DetailValue =
  | { kind: 'none' }
  | { kind: 'text'; text: string }
  | { kind: 'date'; value: Date }
  | { kind: 'list'; items: string[] }
  | { kind: 'fields'; fields: DetailField[] };

export type DetailField = { key: string; label: string; mono?: true; value: DetailValue };
export type DetailChange = { key: string; label: string; mono?: true; from: DetailValue; to: DetailValue };
export type DescribedDetails = { changes: DetailChange[]; fields: DetailField[] };

// Known fields, in the order they are shown (jsonb does not keep the order they were written in).
// `mono` fields hold key fragments or addresses, shown in a monospace font.
const KNOWN_FIELDS: Record<string, { label: string; mono?: true }> = {
  name: { label: 'Name' },
  description: { label: 'Description' },
  prefix: { label: 'Prefix', mono: true },
  hint: { label: 'Key', mono: true },
  previousHint: { label: 'Previous key', mono: true },
  newHint: { label: 'New key', mono: true },
  graceUntil: { label: 'Old secret works until' },
  ipLimits: { label: 'IP limits', mono: true },
  permissions: { label: 'Permissions' },
  rateLimit: { label: 'Rate limit' },
  notifyOnUse: { label: 'Notify on use' },
  expiresAt: { label: 'Expires' },
  impact: { label: 'Impact' },
  integrations: { label: 'Integrations' },
  leakedSecret: { label: 'Leaked secret', mono: true },
  foundAt: { label: 'Found at', mono: true },
  source: { label: 'Source' },
  tokenType: { label: 'Token type', mono: true },
  result: { label: 'What was done' },
  leakedKeyPolicy: { label: LEAKED_KEY_POLICY_LABEL },
};
const KNOWN_ORDER = Object.keys(KNOWN_FIELDS);

/** Known fields first, in their order; others after them, alphabetically. */
function byFieldOrder([a]: [string, unknown], [b]: [string, unknown]): number {
  const rank = (key: string) => (Object.hasOwn(KNOWN_FIELDS, key) ? KNOWN_ORDER.indexOf(key) : KNOWN_ORDER.length);
  return rank(a) - rank(b) || a.localeCompare(b);
}

const isMono = (key: string) => (Object.hasOwn(KNOWN_FIELDS, key) && KNOWN_FIELDS[key].mono) || undefined;

// Records nested deeper than this are written on one line ("Label: value; …") rather than as lists.
const MAX_DEPTH = 2;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/** `notifyOnUse` → "Notify on use", `grace_until` → "Grace until", unless the field has its own label. */
export function fieldLabel(key: string): string {
  if (Object.hasOwn(KNOWN_FIELDS, key)) return KNOWN_FIELDS[key].label;
  const words = key
    .replace(/[_\-.]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words ? words[0].toUpperCase() + words.slice(1) : key;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function scalarText(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return formatCount(value);
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(scalarText).join(', ');
  if (isRecord(value)) return Object.entries(value).map(([key, inner]) => `${fieldLabel(key)}: ${scalarText(inner)}`).join('; ');
  return String(value);
}

export function describeValue(value: unknown, depth = 0): DetailValue {
  if (value === null || value === undefined || value === '') return { kind: 'none' };
  if (typeof value === 'string' && ISO_DATE_TIME.test(value)) {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return { kind: 'date', value: date };
  }
  if (Array.isArray(value)) return value.length === 0 ? { kind: 'none' } : { kind: 'list', items: value.map(scalarText) };
  if (isRecord(value)) {
    if (depth >= MAX_DEPTH) return { kind: 'text', text: scalarText(value) };
    const fields = describeFields(value, depth + 1);
    return fields.length === 0 ? { kind: 'none' } : { kind: 'fields', fields };
  }
  return { kind: 'text', text: scalarText(value) };
}

// Permissions, rate limits, the leaked-key policy and a leak report's outcome read with the UI's
// labels ("Feedback: Read and write", "1,000 per minute", "Only notify"), never as raw values; a rate
// limit of null is the choice "No limit", not a missing value.
function describeFieldValue(key: string, value: unknown, depth: number): DetailValue {
  if (key === 'permissions' && isKeyPermissions(value)) return { kind: 'text', text: describePermissions(value) };
  if (key === 'rateLimit' && isKeyRateLimit(value)) return { kind: 'text', text: describeRateLimit(value) };
  if (key === 'leakedKeyPolicy' && isLeakedKeyPolicy(value)) return { kind: 'text', text: LEAKED_KEY_POLICIES[value].label };
  if (key === 'result' && isLeakResult(value)) return { kind: 'text', text: LEAK_RESULTS[value].label };
  return describeValue(value, depth);
}

function describeFields(record: Record<string, unknown>, depth: number): DetailField[] {
  return Object.entries(record)
    .sort(byFieldOrder)
    .map(([key, value]) => ({ key, label: fieldLabel(key), mono: isMono(key), value: describeFieldValue(key, value, depth) }));
}

/** A permissions change, one line per resource whose level changed: "Feedback permission: Read → Read and write". */
function describeChange(key: string, { from, to }: { from: unknown; to: unknown }): DetailChange[] {
  if (key === 'permissions' && isKeyPermissions(from) && isKeyPermissions(to)) {
    return RESOURCE_VALUES.filter((resource) => from[resource] !== to[resource]).map((resource) => ({
      key: `permissions.${resource}`,
      label: `${PERMISSION_RESOURCES[resource].label} permission`,
      from: { kind: 'text', text: PERMISSION_LEVELS[from[resource]].label },
      to: { kind: 'text', text: PERMISSION_LEVELS[to[resource]].label },
    }));
  }
  return [{ key, label: fieldLabel(key), mono: isMono(key), from: describeFieldValue(key, from, 1), to: describeFieldValue(key, to, 1) }];
}

function isChange(value: unknown): value is { from: unknown; to: unknown } {
  return isRecord(value) && 'from' in value && 'to' in value;
}

export function describeDetails(details: unknown): DescribedDetails {
  if (!isRecord(details)) return { changes: [], fields: [] };
  const { changes, ...rest } = details;
  if (changes !== undefined && !isRecord(changes)) return { changes: [], fields: describeFields(details, 0) };
  const entries = Object.entries(changes ?? {});
  const wellFormed = (entries.filter(([, change]) => isChange(change)) as [string, { from: unknown; to: unknown }][]).sort(byFieldOrder);
  // Entries of `changes` that are not { from, to } are still shown, as ordinary fields.
  const malformed = entries.filter(([, change]) => !isChange(change));
  return {
    changes: wellFormed.flatMap(([key, change]) => describeChange(key, change)),
    fields: describeFields(malformed.length > 0 ? { ...rest, changes: Object.fromEntries(malformed) } : rest, 0),
  };
}
