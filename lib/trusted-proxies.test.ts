import { describe, expect, it } from 'vitest';
import { formatIpRange } from './client-ip';
import { parseTrustedProxies, type TrustedProxies } from './trusted-proxies';

function rangesOf(config: TrustedProxies): string[] {
  if (config.kind !== 'ranges') throw new Error(`expected ranges, got ${config.kind}`);
  return config.ranges.map(formatIpRange);
}

describe('parseTrustedProxies', () => {
  it('trusts nothing when unset or blank', () => {
    expect(parseTrustedProxies(undefined)).toEqual({ kind: 'none' });
    expect(parseTrustedProxies('')).toEqual({ kind: 'none' });
    expect(parseTrustedProxies('  ')).toEqual({ kind: 'none' });
  });

  it('reads a whole number as a hop count', () => {
    expect(parseTrustedProxies('1')).toEqual({ kind: 'hops', count: 1 });
    expect(parseTrustedProxies(' 10 ')).toEqual({ kind: 'hops', count: 10 });
  });

  it('rejects hop counts outside 1–10', () => {
    expect(() => parseTrustedProxies('0')).toThrow('a hop count must be 1–10 (got "0"); leave it unset to trust no proxy');
    expect(() => parseTrustedProxies('11')).toThrow('(got "11")');
  });

  it('reads comma- and space-separated addresses and CIDRs', () => {
    const config = parseTrustedProxies('10.0.0.0/8, 192.0.2.1  2001:db8::/32,::ffff:198.51.100.9');
    expect(rangesOf(config)).toEqual(['10.0.0.0/8', '192.0.2.1', '2001:db8::/32', '198.51.100.9']);
    expect(config).toMatchObject({ source: ['10.0.0.0/8', '192.0.2.1', '2001:db8::/32', '::ffff:198.51.100.9'] });
  });

  it('expands the loopback and private keywords', () => {
    expect(rangesOf(parseTrustedProxies('loopback'))).toEqual(['127.0.0.0/8', '::1']);
    expect(rangesOf(parseTrustedProxies('Private,203.0.113.0/24'))).toEqual([
      '10.0.0.0/8',
      '172.16.0.0/12',
      '192.168.0.0/16',
      'fc00::/7',
      '203.0.113.0/24',
    ]);
  });

  it('names every bad entry in one message', () => {
    expect(() => parseTrustedProxies('foo, 10.0.0.1, 10.0.0.0/40')).toThrow(
      'not an IP address or CIDR: "foo", "10.0.0.0/40"',
    );
  });

  it('does not read loose IPv4 forms or a number among addresses', () => {
    expect(() => parseTrustedProxies('10.0.0.1 1')).toThrow('not an IP address or CIDR: "1"');
    expect(() => parseTrustedProxies('10/8')).toThrow('"10/8"');
    expect(() => parseTrustedProxies('127.1')).toThrow('"127.1"');
  });

  it('does not mistake inherited object keys for keywords', () => {
    expect(() => parseTrustedProxies('constructor')).toThrow('"constructor"');
  });
});
