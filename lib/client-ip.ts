import ipaddr from 'ipaddr.js';
import type { TrustedProxies } from './trusted-proxies';

/**
 * Reading IP addresses and ranges out of untrusted text, and deciding which address a request
 * really came from. The lowest layer: trusted-proxies.ts and ip-limits.ts build on these.
 */

export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;
/** A network address and its prefix length, e.g. [10.0.0.0, 8]. */
export type IpRange = readonly [IpAddress, number];

// Longest real form is an IPv6 address with an IPv4 tail plus a zone (~60); longer is junk and
// not worth running regexes over.
const MAX_ADDRESS_LENGTH = 64;
const ZONE_ID = /^[0-9A-Za-z._-]+$/;

/**
 * Parses one address exactly as written: IPv6 with its `%zone` dropped (a zone names a local
 * interface, not a host), IPv4 only in dotted four-part decimal — ipaddr.js alone would also take
 * `1.2.3`, `0x7f.1` or `10`, which nobody means.
 */
function parseExactIp(raw: string): IpAddress | null {
  let text = raw.trim();
  if (text.length === 0 || text.length > MAX_ADDRESS_LENGTH) return null;
  const zoneAt = text.indexOf('%');
  if (zoneAt !== -1) {
    if (!ZONE_ID.test(text.slice(zoneAt + 1))) return null;
    text = text.slice(0, zoneAt);
    if (!text.includes(':')) return null; // zones exist only on IPv6
  }
  if (ipaddr.IPv6.isValid(text)) return ipaddr.IPv6.parse(text);
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  return null;
}

/** An IPv4 client reached over a dual-stack socket shows up as ::ffff:a.b.c.d; it is still that IPv4 host. */
function unmap(address: IpAddress): IpAddress {
  return address instanceof ipaddr.IPv6 && address.isIPv4MappedAddress() ? address.toIPv4Address() : address;
}

/** Strict parse of a single address, IPv4-mapped IPv6 turned into IPv4. Null when it is not one. */
export function parseIp(raw: string | undefined | null): IpAddress | null {
  if (typeof raw !== 'string') return null;
  const address = parseExactIp(raw);
  return address === null ? null : unmap(address);
}

/** Canonical text of an address (`203.0.113.7`, `2001:db8::1`), or null if it is not one. */
export function normaliseIp(raw: string | undefined | null): string | null {
  return parseIp(raw)?.toString() ?? null;
}

export type IpRangeParse =
  | { ok: true; range: IpRange }
  | { ok: false; problem: 'invalid' }
  | { ok: false; problem: 'prefix'; family: 'IPv4' | 'IPv6'; maxPrefix: number };

/**
 * Parses `address` or `address/prefix` into its network range (host bits cleared, so
 * `10.0.0.5/24` is 10.0.0.0/24). An IPv4-mapped range of /96 or longer becomes the IPv4 range it
 * covers, because clients are compared as IPv4 once unmapped.
 */
export function parseIpRange(raw: string): IpRangeParse {
  const text = raw.trim();
  const slash = text.indexOf('/');
  if (slash === -1) {
    const address = parseIp(text);
    return address === null ? { ok: false, problem: 'invalid' } : { ok: true, range: [address, fullPrefix(address)] };
  }
  const address = parseExactIp(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (address === null || !/^\d{1,9}$/.test(prefixText)) return { ok: false, problem: 'invalid' };
  const prefix = Number(prefixText);
  if (prefix > fullPrefix(address)) {
    return address.kind() === 'ipv4'
      ? { ok: false, problem: 'prefix', family: 'IPv4', maxPrefix: 32 }
      : { ok: false, problem: 'prefix', family: 'IPv6', maxPrefix: 128 };
  }
  if (address instanceof ipaddr.IPv6 && address.isIPv4MappedAddress() && prefix >= 96) {
    return { ok: true, range: networkRange(address.toIPv4Address(), prefix - 96) };
  }
  return { ok: true, range: networkRange(address, prefix) };
}

function fullPrefix(address: IpAddress): number {
  return address.kind() === 'ipv4' ? 32 : 128;
}

function networkRange(address: IpAddress, prefix: number): IpRange {
  const cidr = `${address.toString()}/${prefix}`;
  const network =
    address.kind() === 'ipv4' ? ipaddr.IPv4.networkAddressFromCIDR(cidr) : ipaddr.IPv6.networkAddressFromCIDR(cidr);
  return [network, prefix];
}

/** `10.0.0.0/8`, or the bare address when the range is a single host. */
export function formatIpRange([address, prefix]: IpRange): string {
  return prefix === fullPrefix(address) ? address.toString() : `${address.toString()}/${prefix}`;
}

/** True when the (already unmapped) address lies in the range; IPv4 never matches IPv6 ranges. */
export function rangeContains([network, prefix]: IpRange, address: IpAddress): boolean {
  return address.kind() === network.kind() && address.match(network, prefix);
}

function inAnyRange(ranges: ReadonlyArray<IpRange>, address: IpAddress): boolean {
  return ranges.some((range) => rangeContains(range, address));
}

/** X-Forwarded-For entries in order, left-most (claimed original client) first. */
function forwardedEntries(forwardedFor: string | string[] | undefined): string[] {
  if (forwardedFor === undefined) return [];
  const joined = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor;
  return joined
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

export type ClientIpInput = {
  socketAddress: string | undefined;
  forwardedFor: string | string[] | undefined;
  trusted: TrustedProxies;
};

/**
 * The address a request came from. X-Forwarded-For is written left to right by each hop, so only
 * entries appended by proxies we trust are believed: walk from the socket leftwards while the
 * current hop is trusted. Anything the client wrote itself sits further left and is never reached
 * unless every hop after it is trusted. An unparsable hop stops the walk and yields null.
 */
export function deriveClientIp({ socketAddress, forwardedFor, trusted }: ClientIpInput): string | null {
  const socket = parseIp(socketAddress);
  if (socket === null || trusted.kind === 'none') return socket?.toString() ?? null;

  const entries = forwardedEntries(forwardedFor);
  const isTrustedHop =
    trusted.kind === 'hops'
      ? (_address: IpAddress, hopsSkipped: number) => hopsSkipped < trusted.count
      : (address: IpAddress) => inAnyRange(trusted.ranges, address);

  let current = socket;
  for (let skipped = 0; isTrustedHop(current, skipped); skipped++) {
    const next = entries.pop();
    if (next === undefined) break; // every hop trusted: the left-most one is all we know
    const address = parseIp(next);
    if (address === null) return null;
    current = address;
  }
  return current.toString();
}

/**
 * Whether the socket peer is one of the trusted proxies, so its X-Forwarded-Host/-Proto may be
 * believed. A hop count cannot tell a proxy from a client: every peer counts (server.ts warns).
 */
export function peerIsTrustedProxy({ socketAddress, trusted }: Pick<ClientIpInput, 'socketAddress' | 'trusted'>): boolean {
  if (trusted.kind === 'none') return false;
  if (trusted.kind === 'hops') return true;
  const peer = parseIp(socketAddress);
  return peer !== null && inAnyRange(trusted.ranges, peer);
}
