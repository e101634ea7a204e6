import { describe, expect, it } from 'vitest';
import { renderIpRefused, renderKeyRotated, renderKeyStatusNotice, renderPermissionsWidened } from './security-notices';

const key = { id: 'k1', name: 'Billing sync', hint: 'acme_…NEW1', communityName: 'Acme' };
const keyUrl = 'https://ic.example.com/admin/integration-center/api-keys/k1';
const at = new Date('2026-11-26T10:39:00Z');
const actor = { name: 'Dana Admin', email: 'dana@example.com', ip: '192.0.2.44' };
const securityFooter = 'Security notices are always sent to the admin responsible for the key.';

function expectInBothParts(mail: { text: string; html: string }, expected: string[]) {
  for (const part of [mail.text, mail.html]) for (const value of expected) expect(part).toContain(value);
}

describe('renderKeyStatusNotice', () => {
  it('says who disabled the key, when, from where, and that integrations are refused', () => {
    const mail = renderKeyStatusNotice({ key, keyUrl, change: 'disabled', at, actor });
    expect(mail.subject).toBe('Security notice: API key “Billing sync” was disabled');
    expectInBothParts(mail, ['Billing sync', 'acme_…NEW1', 'Dana Admin', 'dana@example.com', '192.0.2.44', '26 Nov 2026, 10:39 UTC', 'refused', 'enabled again', keyUrl, securityFooter]);
  });

  it('says a deletion is permanent, points to the audit log and offers no dead link', () => {
    const mail = renderKeyStatusNotice({ key, keyUrl, change: 'deleted', at, actor });
    expect(mail.subject).toBe('Security notice: API key “Billing sync” was deleted');
    expectInBothParts(mail, ['acme_…NEW1', 'Dana Admin', 'permanent', 'invalid_key', 'audit log', securityFooter]);
    expect(mail.text).not.toContain(keyUrl);
    expect(mail.html).not.toContain(keyUrl);
  });

  it('says so when the actor’s address is not known', () => {
    const mail = renderKeyStatusNotice({ key, keyUrl, change: 'disabled', at, actor: { ...actor, ip: null } });
    expect(mail.text).toMatch(/^From IP address:\s+Unknown$/m);
  });

  it('escapes a hostile key name in HTML and keeps it as typed in text', () => {
    const mail = renderKeyStatusNotice({ key: { ...key, name: '<script>alert(1)</script> & "x"' }, keyUrl, change: 'disabled', at, actor });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;');
    expect(mail.text).toContain('<script>alert(1)</script> & "x"');
  });
});

describe('renderKeyRotated', () => {
  it('names the new and the old secret and when the old one stops working', () => {
    const mail = renderKeyRotated({ key, keyUrl, at, actor, previousHint: 'acme_…OLD1', graceUntil: new Date('2026-11-27T10:39:00Z') });
    expect(mail.subject).toBe('Security notice: API key “Billing sync” was rotated');
    expectInBothParts(mail, ['acme_…NEW1', 'acme_…OLD1', 'works until 27 Nov 2026, 10:39 UTC', 'Dana Admin', '192.0.2.44', '26 Nov 2026, 10:39 UTC', keyUrl, securityFooter]);
    expect(mail.text).toMatch(/^New secret:\s+acme_…NEW1$/m);
  });

  it('says the old secret stopped at once when there was no grace period', () => {
    const mail = renderKeyRotated({ key, keyUrl, at, actor, previousHint: 'acme_…OLD1', graceUntil: at });
    expectInBothParts(mail, ['acme_…OLD1, stopped working at once']);
    expect(mail.text).not.toContain('works until');
  });
});

describe('renderPermissionsWidened', () => {
  it('names who widened what, from → to, with every resource before and after', () => {
    const mail = renderPermissionsWidened({
      key,
      keyUrl,
      at,
      actor,
      from: { projects: 'read', members: 'read', feedback: 'none' },
      to: { projects: 'none', members: 'write', feedback: 'read' },
    });
    expect(mail.subject).toBe('Security notice: API key “Billing sync” was given wider permissions');
    expectInBothParts(mail, ['Dana Admin', 'dana@example.com', '192.0.2.44', '26 Nov 2026, 10:39 UTC', 'Members: Read and write, Feedback: Read', keyUrl, securityFooter]);
    expect(mail.text).toMatch(/^ {2}Projects\s+Read\s+No access$/m);
    expect(mail.text).toMatch(/^ {2}Members\s+Read\s+Read and write$/m);
    expect(mail.text).toMatch(/^ {2}Feedback\s+No access\s+Read$/m);
  });
});

describe('renderIpRefused', () => {
  const refused = [
    { ip: '203.0.113.9', count: 7, integrationName: 'Billing' },
    { ip: '198.51.100.7', count: 1, integrationName: null },
  ];

  it('lists the refused addresses, the current limits and what to do', () => {
    const mail = renderIpRefused({ key, keyUrl, at, total: 8, refused, ipLimits: ['192.0.2.0/24', '2001:db8::/32'] });
    expect(mail.subject).toBe('Security notice: API key “Billing sync” refused calls from outside its IP limits');
    expectInBothParts(mail, [
      'acme_…NEW1',
      '26 Nov 2026, 10:39 UTC',
      'refused 8 calls from 2 IP addresses',
      '203.0.113.9',
      '198.51.100.7',
      'Unknown',
      '192.0.2.0/24',
      '2001:db8::/32',
      'edit page',
      'rotate it',
      keyUrl,
      securityFooter,
    ]);
  });

  it('says "1 call" from "1 IP address"', () => {
    const mail = renderIpRefused({ key, keyUrl, at, total: 1, refused: [{ ip: '203.0.113.9', count: 1, integrationName: null }], ipLimits: ['192.0.2.1'] });
    expectInBothParts(mail, ['refused 1 call from 1 IP address outside']);
  });

  it('caps the refused addresses at 10 with "and N more"', () => {
    const many = Array.from({ length: 15 }, (_, i) => ({ ip: `198.51.100.${i + 1}`, count: 2, integrationName: null }));
    const mail = renderIpRefused({ key, keyUrl, at, total: 30, refused: many, ipLimits: ['192.0.2.1'] });
    expectInBothParts(mail, ['198.51.100.10', 'and 5 more', '30 calls from 15 IP addresses']);
    expect(mail.text).not.toContain('198.51.100.11');
    expect(mail.html).not.toContain('198.51.100.11');
  });
});
