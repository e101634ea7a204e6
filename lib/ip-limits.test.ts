import { describe, expect, it } from 'vitest';
import { MAX_IP_LIMIT_ENTRIES, compileIpLimits, formatIpLimits, parseIpLimits } from './ip-limits';

describe('parseIpLimits', () => {
  it('accepts an empty list', () => {
    expect(parseIpLimits('')).toEqual({ ok: true, entries: [] });
    expect(parseIpLimits(' \n\n ')).toEqual({ ok: true, entries: [] });
  });

  it('ignores blank lines and surrounding whitespace', () => {
    expect(parseIpLimits('  203.0.113.7  \n\n\t\n2001:db8::1\n')).toEqual({
      ok: true,
      entries: ['203.0.113.7', '2001:db8::1'],
    });
  });

  it('accepts commas and newlines mixed', () => {
    expect(parseIpLimits('10.0.0.1, 10.0.0.2\n10.0.0.3,\n,10.0.0.4')).toEqual({
      ok: true,
      entries: ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'],
    });
  });

  it('normalises entries, drops duplicates and keeps order', () => {
    expect(
      parseIpLimits('10.0.0.5/24\n2001:DB8::1/32\n::ffff:203.0.113.7\n10.0.0.0/24\n2001:0db8:0:0::1\n2001:db8::1'),
    ).toEqual({ ok: true, entries: ['10.0.0.0/24', '2001:db8::/32', '203.0.113.7', '2001:db8::1'] });
  });

  it.each([
    ['300.1.1.1', '"300.1.1.1" is not a valid IP address or CIDR range'],
    ['1.2.3', '"1.2.3" is not a valid IP address or CIDR range'],
    ['::g', '"::g" is not a valid IP address or CIDR range'],
    ['10.0.0.0/33', '"10.0.0.0/33": prefix length must be 0–32 for IPv4'],
    ['2001:db8::/129', '"2001:db8::/129": prefix length must be 0–128 for IPv6'],
  ])('rejects %s', (entry, message) => {
    expect(parseIpLimits(`192.0.2.1\n${entry}\n192.0.2.2`)).toEqual({ ok: false, errors: [message] });
  });

  it('names each bad entry in its own message', () => {
    const result = parseIpLimits('300.1.1.1\n192.0.2.1\n1.2.3');
    expect(result).toEqual({
      ok: false,
      errors: [
        '"300.1.1.1" is not a valid IP address or CIDR range',
        '"1.2.3" is not a valid IP address or CIDR range',
      ],
    });
  });

  it('caps the error list and counts the rest', () => {
    const bad = Array.from({ length: 25 }, (_, i) => `bad${i}`);
    const result = parseIpLimits(bad.join('\n'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(11);
    expect(result.errors[0]).toBe('"bad0" is not a valid IP address or CIDR range');
    expect(result.errors[10]).toBe('…and 15 more invalid entries');
  });

  it('rejects too many entries with a single count error', () => {
    const lines = Array.from({ length: 1000 }, (_, i) => `10.0.${Math.floor(i / 256)}.${i % 256}`);
    expect(parseIpLimits(lines.join('\n'))).toEqual({
      ok: false,
      errors: ['At most 100 addresses or ranges (got 1000)'],
    });
  });

  it('allows exactly the maximum', () => {
    const lines = Array.from({ length: MAX_IP_LIMIT_ENTRIES }, (_, i) => `10.0.0.${i}`);
    expect(parseIpLimits(lines.join('\n'))).toMatchObject({ ok: true });
  });

  it('shortens a huge bad entry in its message', () => {
    const result = parseIpLimits('x'.repeat(10_000));
    expect(result).toEqual({ ok: false, errors: [`"${'x'.repeat(60)}…" is not a valid IP address or CIDR range`] });
  });
});

describe('compileIpLimits', () => {
  it('allows any address, even an unknown one, when there are no entries', () => {
    const allowed = compileIpLimits([]);
    expect(allowed('203.0.113.7')).toBe(true);
    expect(allowed('2001:db8::1')).toBe(true);
    expect(allowed(null)).toBe(true);
  });

  it('matches single addresses exactly', () => {
    const allowed = compileIpLimits(['203.0.113.7']);
    expect(allowed('203.0.113.7')).toBe(true);
    expect(allowed('203.0.113.8')).toBe(false);
  });

  it('matches IPv6 CIDRs', () => {
    const allowed = compileIpLimits(['2001:db8::/32']);
    expect(allowed('2001:db8:1::5')).toBe(true);
    expect(allowed('2001:db9::1')).toBe(false);
    expect(allowed('32.1.13.184')).toBe(false); // same leading bits as 2001:db8::, different family
  });

  it('matches an IPv4-mapped client against IPv4 rules', () => {
    const allowed = compileIpLimits(['203.0.113.0/24']);
    expect(allowed('::ffff:203.0.113.7')).toBe(true);
    expect(allowed('::ffff:203.0.114.7')).toBe(false);
  });

  it('0.0.0.0/0 matches every IPv4 address but no IPv6 one', () => {
    const allowed = compileIpLimits(['0.0.0.0/0']);
    for (const ip of ['0.0.0.0', '10.1.2.3', '203.0.113.7', '255.255.255.255']) expect(allowed(ip), ip).toBe(true);
    expect(allowed('2001:db8::1')).toBe(false);
  });

  it('refuses an unknown or unparsable client address', () => {
    const allowed = compileIpLimits(['0.0.0.0/0']);
    expect(allowed(null)).toBe(false);
    expect(allowed('')).toBe(false);
    expect(allowed('not-an-ip')).toBe(false);
  });

  it('never widens access because of a corrupt stored entry', () => {
    expect(compileIpLimits(['garbage'])('203.0.113.7')).toBe(false);
    const allowed = compileIpLimits(['garbage', '203.0.113.7']);
    expect(allowed('203.0.113.7')).toBe(true);
    expect(allowed('198.51.100.1')).toBe(false);
  });

  it('round-trips what parseIpLimits produced', () => {
    const parsed = parseIpLimits('10.0.0.0/8, 2001:db8::/32');
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    const allowed = compileIpLimits(parsed.entries);
    expect(allowed('10.200.0.1')).toBe(true);
    expect(allowed('2001:db8::abcd')).toBe(true);
    expect(allowed('11.0.0.1')).toBe(false);
  });
});

describe('formatIpLimits', () => {
  it('puts one entry per line, and round-trips through parseIpLimits', () => {
    const entries = ['10.0.0.0/24', '2001:db8::/32', '203.0.113.7'];
    expect(formatIpLimits(entries)).toBe('10.0.0.0/24\n2001:db8::/32\n203.0.113.7');
    expect(parseIpLimits(formatIpLimits(entries))).toEqual({ ok: true, entries });
    expect(formatIpLimits([])).toBe('');
  });
});
