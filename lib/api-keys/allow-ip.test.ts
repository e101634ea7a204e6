import { describe, expect, it } from 'vitest';
import { allowIp } from './allow-ip';

describe('allowIp', () => {
  it('adds an address the limits refuse, in canonical form', () => {
    expect(allowIp(['10.0.0.0/8'], ' 198.51.100.7 ')).toEqual({ kind: 'added', ip: '198.51.100.7', entries: ['10.0.0.0/8', '198.51.100.7'] });
    expect(allowIp(['10.0.0.0/8'], '::ffff:198.51.100.7')).toMatchObject({ kind: 'added', ip: '198.51.100.7' });
    expect(allowIp(['10.0.0.0/8'], '2001:DB8:0:0::1')).toMatchObject({ kind: 'added', ip: '2001:db8::1' });
  });

  it('leaves limits that already allow the address as they are', () => {
    expect(allowIp(['10.0.0.0/8'], '10.1.2.3')).toEqual({ kind: 'already-allowed', ip: '10.1.2.3' });
  });

  it('never turns "any address" into a single allowed address', () => {
    expect(allowIp([], '198.51.100.7')).toEqual({ kind: 'any-address' });
  });

  it('rejects anything that is not exactly one address', () => {
    for (const raw of ['', 'localhost', '10.0.0.0/8', '1.2.3', '0x7f.0.0.1', '198.51.100.7, 10.0.0.1', '<script>']) {
      expect(allowIp(['10.0.0.0/8'], raw)).toEqual({ kind: 'invalid' });
    }
  });
});
