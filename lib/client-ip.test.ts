import { describe, expect, it } from 'vitest';
import { deriveClientIp, formatIpRange, normaliseIp, parseIpRange, peerIsTrustedProxy } from './client-ip';
import { parseTrustedProxies } from './trusted-proxies';

describe('normaliseIp', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['  203.0.113.7 ', '203.0.113.7'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['::1', '::1'],
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['::ffff:7f00:1', '127.0.0.1'],
    ['fe80::1%eth0', 'fe80::1'],
    ['fe80::1%eth0.5', 'fe80::1'],
  ])('%s → %s', (raw, expected) => {
    expect(normaliseIp(raw)).toBe(expected);
  });

  it.each([
    [undefined],
    [null],
    [''],
    ['unknown'],
    ['1.2.3'], // ipaddr.js alone reads this as 1.2.0.3
    ['0x7f.0.0.1'],
    ['10'],
    ['010.0.0.1'], // leading zero: octal to some parsers, decimal to others
    ['300.1.1.1'],
    ['::g'],
    ['1.2.3.4%eth0'],
    ['fe80::1%'],
    ['1.2.3.4:8080'],
    ['1'.repeat(200)],
  ])('%s → null', (raw) => {
    expect(normaliseIp(raw)).toBeNull();
  });
});

describe('parseIpRange', () => {
  const format = (text: string) => {
    const parsed = parseIpRange(text);
    return parsed.ok ? formatIpRange(parsed.range) : parsed;
  };

  it('clears host bits and keeps the prefix', () => {
    expect(format('10.0.0.5/24')).toBe('10.0.0.0/24');
    expect(format('2001:DB8::1/32')).toBe('2001:db8::/32');
    expect(format('0.0.0.0/0')).toBe('0.0.0.0/0');
  });

  it('writes single-host ranges as the bare address', () => {
    expect(format('10.0.0.1/32')).toBe('10.0.0.1');
    expect(format('::ffff:10.0.0.1')).toBe('10.0.0.1');
  });

  it('turns an IPv4-mapped range into the IPv4 range it covers', () => {
    expect(format('::ffff:10.0.0.0/104')).toBe('10.0.0.0/8');
  });

  it('reports a prefix that is too long separately from junk', () => {
    expect(parseIpRange('10.0.0.0/33')).toEqual({ ok: false, problem: 'prefix', family: 'IPv4', maxPrefix: 32 });
    expect(parseIpRange('::/129')).toEqual({ ok: false, problem: 'prefix', family: 'IPv6', maxPrefix: 128 });
    for (const junk of ['10/8', '10.0.0.0/', '10.0.0.0/-1', '10.0.0.0/8/8', '10.0.0.0/a', 'foo/8']) {
      expect(parseIpRange(junk), junk).toEqual({ ok: false, problem: 'invalid' });
    }
  });
});

describe('deriveClientIp', () => {
  const none = parseTrustedProxies(undefined);
  const privateNet = parseTrustedProxies('10.0.0.0/8');

  describe('spoofing', () => {
    it('ignores X-Forwarded-For entirely when no proxy is trusted', () => {
      expect(deriveClientIp({ socketAddress: '203.0.113.9', forwardedFor: '1.2.3.4', trusted: none })).toBe('203.0.113.9');
    });

    it('ignores X-Forwarded-For when the socket is not a trusted proxy', () => {
      expect(deriveClientIp({ socketAddress: '203.0.113.9', forwardedFor: '1.2.3.4', trusted: privateNet })).toBe(
        '203.0.113.9',
      );
    });

    it('takes the right-most untrusted entry, not a forged left-most one', () => {
      // The client sent "1.2.3.4"; our proxy 10.0.0.2 appended the real peer 198.51.100.7.
      expect(
        deriveClientIp({ socketAddress: '10.0.0.2', forwardedFor: '1.2.3.4, 198.51.100.7', trusted: privateNet }),
      ).toBe('198.51.100.7');
    });

    it('does not let a forged entry ride past a hop count', () => {
      const oneHop = parseTrustedProxies('1');
      expect(deriveClientIp({ socketAddress: '10.0.0.2', forwardedFor: '1.2.3.4, 198.51.100.7', trusted: oneHop })).toBe(
        '198.51.100.7',
      );
    });
  });

  describe('ranges', () => {
    it('skips every trusted hop from the right', () => {
      const trusted = parseTrustedProxies('10.0.0.0/8, 192.0.2.1');
      expect(
        deriveClientIp({ socketAddress: '10.0.0.2', forwardedFor: '1.2.3.4, 198.51.100.7, 192.0.2.1, 10.9.9.9', trusted }),
      ).toBe('198.51.100.7');
    });

    it('falls back to the left-most entry when every hop is trusted', () => {
      expect(deriveClientIp({ socketAddress: '10.0.0.2', forwardedFor: '10.0.0.3, 10.0.0.4', trusted: privateNet })).toBe(
        '10.0.0.3',
      );
    });

    it('uses the trusted socket itself when there is no header', () => {
      expect(deriveClientIp({ socketAddress: '10.0.0.2', forwardedFor: undefined, trusted: privateNet })).toBe('10.0.0.2');
      expect(deriveClientIp({ socketAddress: '10.0.0.2', forwardedFor: '', trusted: privateNet })).toBe('10.0.0.2');
      expect(deriveClientIp({ socketAddress: '10.0.0.2', forwardedFor: ' , ', trusted: privateNet })).toBe('10.0.0.2');
    });

    it('joins repeated headers in order', () => {
      expect(
        deriveClientIp({ socketAddress: '10.0.0.2', forwardedFor: ['1.2.3.4', '198.51.100.7, 10.0.0.9'], trusted: privateNet }),
      ).toBe('198.51.100.7');
    });

    it('matches an IPv4-mapped socket against IPv4 ranges', () => {
      const trusted = parseTrustedProxies('loopback');
      expect(deriveClientIp({ socketAddress: '::ffff:127.0.0.1', forwardedFor: '198.51.100.7', trusted })).toBe(
        '198.51.100.7',
      );
    });

    it('handles IPv6 proxies and clients', () => {
      const trusted = parseTrustedProxies('fd00::/8');
      expect(
        deriveClientIp({ socketAddress: 'fd00::1', forwardedFor: '2001:DB8::0:7, fd00::2', trusted }),
      ).toBe('2001:db8::7');
    });

    it('stops at a garbage hop instead of skipping past it', () => {
      expect(
        deriveClientIp({ socketAddress: '10.0.0.2', forwardedFor: '198.51.100.7, unknown', trusted: privateNet }),
      ).toBeNull();
    });

    it('ignores garbage left of the client', () => {
      expect(
        deriveClientIp({ socketAddress: '10.0.0.2', forwardedFor: 'junk, <script>, 198.51.100.7', trusted: privateNet }),
      ).toBe('198.51.100.7');
    });
  });

  describe('hops', () => {
    const chain = '198.51.100.1, 198.51.100.2, 198.51.100.3';

    it('with 1 hop takes the last header entry', () => {
      const trusted = parseTrustedProxies('1');
      expect(deriveClientIp({ socketAddress: '10.0.0.2', forwardedFor: chain, trusted })).toBe('198.51.100.3');
    });

    it('with 2 hops takes the one before it', () => {
      const trusted = parseTrustedProxies('2');
      expect(deriveClientIp({ socketAddress: '10.0.0.2', forwardedFor: chain, trusted })).toBe('198.51.100.2');
    });

    it('falls back to the left-most entry when the chain is shorter', () => {
      const trusted = parseTrustedProxies('5');
      expect(deriveClientIp({ socketAddress: '10.0.0.2', forwardedFor: chain, trusted })).toBe('198.51.100.1');
      expect(deriveClientIp({ socketAddress: '10.0.0.2', forwardedFor: undefined, trusted })).toBe('10.0.0.2');
    });

    it('returns null when the chosen or a skipped entry is garbage', () => {
      const trusted = parseTrustedProxies('2');
      expect(deriveClientIp({ socketAddress: '10.0.0.2', forwardedFor: 'garbage, 198.51.100.3', trusted })).toBeNull();
      expect(deriveClientIp({ socketAddress: '10.0.0.2', forwardedFor: '198.51.100.2, garbage', trusted })).toBeNull();
    });

    it('ignores garbage beyond the trusted hops', () => {
      const trusted = parseTrustedProxies('1');
      expect(deriveClientIp({ socketAddress: '10.0.0.2', forwardedFor: 'garbage, 198.51.100.3', trusted })).toBe(
        '198.51.100.3',
      );
    });
  });

  describe('socket', () => {
    it('normalises IPv6 and IPv4-mapped sockets', () => {
      expect(deriveClientIp({ socketAddress: '2001:db8:0::1', forwardedFor: undefined, trusted: none })).toBe('2001:db8::1');
      expect(deriveClientIp({ socketAddress: '::ffff:127.0.0.1', forwardedFor: undefined, trusted: none })).toBe(
        '127.0.0.1',
      );
    });

    it('is null when the socket address is unknown, whatever the header says', () => {
      for (const trusted of [none, privateNet, parseTrustedProxies('1')]) {
        expect(deriveClientIp({ socketAddress: undefined, forwardedFor: '198.51.100.7', trusted })).toBeNull();
      }
    });
  });
});

describe('peerIsTrustedProxy', () => {
  const ranges = parseTrustedProxies('10.0.0.0/8');
  it.each([
    ['no proxy trusted', parseTrustedProxies(undefined), '10.1.2.3', false],
    ['a hop count trusts any peer', parseTrustedProxies('1'), '203.0.113.9', true],
    ['a peer inside the trusted ranges', ranges, '10.1.2.3', true],
    ['an IPv4-mapped peer inside them', ranges, '::ffff:10.1.2.3', true],
    ['a peer outside them', ranges, '203.0.113.9', false],
    ['no socket address', ranges, undefined, false],
  ])('%s', (_name, trusted, socketAddress, expected) => {
    expect(peerIsTrustedProxy({ socketAddress, trusted })).toBe(expected);
  });
});
