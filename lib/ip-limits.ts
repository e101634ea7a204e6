import { formatIpRange, parseIp, parseIpRange, rangeContains, type IpRange } from './client-ip';
import { plural } from './format';

/**
 * "Limit access to IP addresses" for an API key: a list of addresses and CIDR ranges, stored in
 * canonical form so equal rules compare equal and the editing form shows what is enforced.
 */

export const MAX_IP_LIMIT_ENTRIES = 100;
// Past this, more messages stop helping; the count tells the user how much is left to fix.
const MAX_REPORTED_ERRORS = 10;

export type IpLimitsParse = { ok: true; entries: string[] } | { ok: false; errors: string[] };

/** One entry per line (commas and spaces also separate). Empty text means "any address". */
export function parseIpLimits(text: string): IpLimitsParse {
  const tokens = text.split(/[\s,]+/).filter((token) => token !== '');
  // Counted before anything is parsed, so a huge paste is rejected cheaply.
  if (tokens.length > MAX_IP_LIMIT_ENTRIES) {
    return { ok: false, errors: [`At most ${MAX_IP_LIMIT_ENTRIES} addresses or ranges (got ${tokens.length})`] };
  }

  const entries = new Set<string>();
  const errors: string[] = [];
  for (const token of tokens) {
    const parsed = parseIpRange(token);
    if (parsed.ok) entries.add(formatIpRange(parsed.range));
    else if (parsed.problem === 'prefix') {
      errors.push(`${quote(token)}: prefix length must be 0–${parsed.maxPrefix} for ${parsed.family}`);
    } else errors.push(`${quote(token)} is not a valid IP address or CIDR range`);
  }
  if (errors.length === 0) return { ok: true, entries: [...entries] };
  if (errors.length <= MAX_REPORTED_ERRORS) return { ok: false, errors };
  const hidden = errors.length - MAX_REPORTED_ERRORS;
  return {
    ok: false,
    errors: [...errors.slice(0, MAX_REPORTED_ERRORS), `…and ${plural(hidden, 'more invalid entry', 'more invalid entries')}`],
  };
}

/**
 * A matcher for stored entries, parsed once. No entries allows any address. An entry that no
 * longer parses (hand-edited row) is dropped, never widened: the rest still apply, and a list
 * with nothing valid left matches nothing.
 */
export function compileIpLimits(entries: readonly string[]): (ip: string | null) => boolean {
  if (entries.length === 0) return () => true;
  const ranges: IpRange[] = [];
  for (const entry of entries) {
    const parsed = parseIpRange(entry);
    if (parsed.ok) ranges.push(parsed.range);
  }
  return (ip) => {
    const address = parseIp(ip);
    return address !== null && ranges.some((range) => rangeContains(range, address));
  };
}

/** Entries as the editing form shows them, one per line. */
export function formatIpLimits(entries: readonly string[]): string {
  return entries.join('\n');
}

// Entries are echoed back in messages; keep a pasted blob from flooding them.
function quote(token: string): string {
  return JSON.stringify(token.length > 60 ? `${token.slice(0, 60)}…` : token);
}
