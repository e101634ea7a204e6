import { parseIpRange, type IpRange } from './client-ip';

/**
 * TRUSTED_PROXIES: which hops in front of the app may be believed about the client address.
 *   unset      – none; X-Forwarded-For is ignored (a client can write anything in it)
 *   1 … 10     – that many reverse proxies, whatever their addresses
 *   IPs/CIDRs  – comma or space separated, plus the keywords `loopback` and `private`
 */
export type TrustedProxies =
  | { kind: 'none' }
  | { kind: 'hops'; count: number }
  | { kind: 'ranges'; ranges: ReadonlyArray<IpRange>; source: string[] };

export const MAX_TRUSTED_HOPS = 10;

const KEYWORD_RANGES = new Map<string, readonly IpRange[]>([
  ['loopback', builtInRanges(['127.0.0.0/8', '::1/128'])],
  ['private', builtInRanges(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'])],
]);

function builtInRanges(cidrs: string[]): IpRange[] {
  return cidrs.map((cidr) => {
    const parsed = parseIpRange(cidr);
    if (!parsed.ok) throw new Error(`built-in range ${cidr} does not parse`);
    return parsed.range;
  });
}

/** Throws an Error naming every bad entry; config.ts prefixes the variable name. */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const tokens = (value ?? '').split(/[\s,]+/).filter((token) => token !== '');
  if (tokens.length === 0) return { kind: 'none' };
  if (tokens.length === 1 && /^\d+$/.test(tokens[0])) return parseHops(tokens[0]);

  const ranges: IpRange[] = [];
  const bad: string[] = [];
  for (const token of tokens) {
    const keyword = KEYWORD_RANGES.get(token.toLowerCase());
    if (keyword) {
      ranges.push(...keyword);
      continue;
    }
    const parsed = parseIpRange(token);
    if (parsed.ok) ranges.push(parsed.range);
    else bad.push(quote(token));
  }
  if (bad.length > 0) throw new Error(`not an IP address or CIDR: ${bad.join(', ')}`);
  return { kind: 'ranges', ranges, source: tokens };
}

function parseHops(token: string): TrustedProxies {
  const count = Number(token);
  if (count < 1 || count > MAX_TRUSTED_HOPS) {
    // 0 most likely means "no proxy"; say how to get that rather than guessing.
    throw new Error(
      `a hop count must be 1–${MAX_TRUSTED_HOPS} (got ${quote(token)}); leave it unset to trust no proxy`,
    );
  }
  return { kind: 'hops', count };
}

// Values end up in a start-up error; keep a pasted blob from flooding it.
function quote(token: string): string {
  return JSON.stringify(token.length > 60 ? `${token.slice(0, 60)}…` : token);
}
