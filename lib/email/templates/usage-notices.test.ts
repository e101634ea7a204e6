import { describe, expect, it } from 'vitest';
import { renderDigest, renderFirstUse, renderNewIp } from './usage-notices';

const key = { id: 'k1', name: 'Billing sync', hint: 'acme_…WXYZ', communityName: 'Acme' };
const keyUrl = 'https://ic.example.com/admin/integration-center/api-keys/k1';
const at = new Date('2026-11-26T10:39:00Z');
const caller = { ip: '203.0.113.9', at, integrationName: 'Billing', userAgent: 'billing-sync/2.1' };
const usageFooter = 'You receive this because you turned on e-mail notifications for this key.';

function expectInBothParts(mail: { text: string; html: string }, expected: string[]) {
  for (const part of [mail.text, mail.html]) for (const value of expected) expect(part).toContain(value);
}

describe('renderFirstUse', () => {
  it('names the key and says when, from where and by which integration', () => {
    const mail = renderFirstUse({ key, keyUrl, caller });
    expect(mail.subject).toBe('API key “Billing sync” was used for the first time');
    expectInBothParts(mail, ['Billing sync', 'acme_…WXYZ', '26 Nov 2026, 10:39 UTC', '203.0.113.9', 'Billing', 'billing-sync/2.1', keyUrl, usageFooter]);
  });

  it('leaves out integration and user agent when the caller did not send them', () => {
    const mail = renderFirstUse({ key, keyUrl, caller: { ...caller, integrationName: null, userAgent: null } });
    expect(mail.text).not.toMatch(/^Integration:/m);
    expect(mail.text).not.toMatch(/^User agent:/m);
    expect(mail.text).not.toContain('null');
  });

  it('escapes a hostile key name in HTML and keeps it as typed in text', () => {
    const mail = renderFirstUse({ key: { ...key, name: '<script>alert(1)</script> & "x"' }, keyUrl, caller });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.text).toContain('<script>alert(1)</script> & "x"');
    expect(mail.subject).toBe('API key “<script>alert(1)</script> & "x"” was used for the first time');
  });
});

describe('renderNewIp', () => {
  it('names the one new address in the subject', () => {
    const mail = renderNewIp({ key, keyUrl, callers: [caller] });
    expect(mail.subject).toBe('API key “Billing sync” was used from a new IP address 203.0.113.9');
    expectInBothParts(mail, ['acme_…WXYZ', '203.0.113.9', '26 Nov 2026, 10:39 UTC', 'billing-sync/2.1', keyUrl, usageFooter]);
  });

  it('counts several new addresses in one message and lists them', () => {
    const callers = [caller, { ...caller, ip: '198.51.100.7', integrationName: null }, { ...caller, ip: '2001:db8::1' }];
    const mail = renderNewIp({ key, keyUrl, callers });
    expect(mail.subject).toBe('API key “Billing sync” was used from 3 new IP addresses');
    expectInBothParts(mail, ['203.0.113.9', '198.51.100.7', '2001:db8::1', 'Unknown', '26 Nov 2026, 10:39 UTC', keyUrl]);
  });

  it('caps a long list of addresses at 10 with "and N more"', () => {
    const callers = Array.from({ length: 14 }, (_, i) => ({ ...caller, ip: `198.51.100.${i + 1}` }));
    const mail = renderNewIp({ key, keyUrl, callers });
    expect(mail.subject).toContain('from 14 new IP addresses');
    expectInBothParts(mail, ['198.51.100.10', 'and 4 more']);
    expect(mail.text).not.toContain('198.51.100.11');
    expect(mail.html).not.toContain('198.51.100.11');
  });
});

describe('renderDigest', () => {
  const base = {
    key,
    keyUrl,
    from: new Date('2026-11-26T10:00:00Z'),
    to: new Date('2026-11-26T11:00:00Z'),
    total: 523,
    allowed: 500,
    denied: 23,
    outcomes: [
      { label: 'Allowed', count: 500 },
      { label: 'Rate limited', count: 23 },
    ],
    ips: [{ ip: '203.0.113.9', count: 523 }],
    integrations: [{ name: 'Billing', count: 523 }],
  };

  it('sums up the period in the subject and the body', () => {
    const mail = renderDigest(base);
    expect(mail.subject).toBe('API key “Billing sync”: 523 requests since 10:00 UTC');
    expectInBothParts(mail, ['acme_…WXYZ', '26 Nov 2026, 10:00 UTC', '26 Nov 2026, 11:00 UTC', 'used for 523 requests', 'Rate limited', '203.0.113.9', 'Billing', keyUrl, usageFooter]);
    expect(mail.text).toMatch(/^Allowed:\s+500$/m);
    expect(mail.text).toMatch(/^Denied:\s+23$/m);
  });

  it('says "1 request", not "1 requests"', () => {
    const mail = renderDigest({ ...base, total: 1, allowed: 1, denied: 0 });
    expect(mail.subject).toBe('API key “Billing sync”: 1 request since 10:00 UTC');
    expectInBothParts(mail, ['used for 1 request.']);
  });

  it('gives the full date when the period started on an earlier day', () => {
    const mail = renderDigest({ ...base, from: new Date('2026-11-25T10:00:00Z') });
    expect(mail.subject).toBe('API key “Billing sync”: 523 requests since 25 Nov 2026, 10:00 UTC');
  });

  it('caps each list at 10 rows with "and N more"', () => {
    const ips = Array.from({ length: 12 }, (_, i) => ({ ip: `198.51.100.${i + 1}`, count: 40 - i }));
    const integrations = Array.from({ length: 11 }, (_, i) => ({ name: `Integration ${String.fromCharCode(65 + i)}`, count: 5 }));
    const mail = renderDigest({ ...base, ips, integrations });
    expectInBothParts(mail, ['198.51.100.10', 'and 2 more', 'Integration J', 'and 1 more']);
    for (const part of [mail.text, mail.html]) {
      expect(part).not.toContain('198.51.100.11');
      expect(part).not.toContain('Integration K');
    }
  });
});
