import { describe, expect, it } from 'vitest';
import { renderExpiryNotice } from './expiry-notice';

const key = { id: 'k1', name: 'Billing sync', hint: 'acme_…NEW1', communityName: 'Acme' };
const keyUrl = 'https://ic.example.com/admin/integration-center/api-keys/k1';
const editUrl = `${keyUrl}/edit`;
const at = new Date('2026-11-26T10:39:00Z');
const expiresAt = new Date('2026-12-02T12:00:00Z');

function expectInBothParts(mail: { text: string; html: string }, expected: string[]) {
  for (const part of [mail.text, mail.html]) for (const value of expected) expect(part).toContain(value);
}

describe('renderExpiryNotice', () => {
  it('says when the key stops working, what then fails, and links to changing the expiry', () => {
    const mail = renderExpiryNotice({ key, keyUrl, editUrl, expiresAt, lastUsedAt: new Date('2026-11-25T08:00:00Z'), at });
    expect(mail.subject).toBe('Security notice: API key “Billing sync” expires in 6 days');
    expectInBothParts(mail, ['Billing sync', 'acme_…NEW1', '2 Dec 2026, 12:00 UTC, 6 days from now', 'key_expired', '25 Nov 2026, 08:00 UTC', 'choose a later expiry', keyUrl, editUrl, 'Change the expiry']);
    expect(mail.text).toMatch(/^Expires:\s+2 Dec 2026, 12:00 UTC$/m);
    expect(mail.text).toMatch(/^Last used:\s+25 Nov 2026, 08:00 UTC$/m);
  });

  it('suggests letting an unused key expire', () => {
    const mail = renderExpiryNotice({ key, keyUrl, editUrl, expiresAt, lastUsedAt: null, at });
    expect(mail.text).toMatch(/^Last used:\s+Never$/m);
    expectInBothParts(mail, ['never been used', 'let it expire']);
  });

  it('escapes a hostile key name in HTML and keeps a line break out of the subject', () => {
    const mail = renderExpiryNotice({ key: { ...key, name: '<b>x</b>\r\nBcc: a@b.c' }, keyUrl, editUrl, expiresAt, lastUsedAt: null, at });
    expect(mail.html).not.toContain('<b>x</b>');
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });
});
