import { describe, expect, it } from 'vitest';
import { escapeHtml, formatUtc, formatUtcTime, keyTitle, plural, renderMail, type MailLayout } from './layout';

const key = { id: 'k1', name: 'Billing sync', hint: 'acme_…WXYZ', communityName: 'Acme' };
const keyUrl = 'https://ic.example.com/admin/integration-center/api-keys/k1';

function message(overrides: Partial<MailLayout> = {}): MailLayout {
  return { kind: 'first_use', key, keyUrl, subject: `${keyTitle(key)} was used`, intro: 'Something happened.', facts: [], ...overrides };
}

describe('escapeHtml', () => {
  it('escapes the five characters that can break out of text or an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});

describe('UTC dates', () => {
  it('writes day, month, year and time, always in UTC and saying so', () => {
    expect(formatUtc(new Date('2026-11-26T10:39:59Z'))).toBe('26 Nov 2026, 10:39 UTC');
    expect(formatUtc(new Date('2026-01-05T23:30:00-02:00'))).toBe('6 Jan 2026, 01:30 UTC');
    expect(formatUtcTime(new Date('2026-11-26T07:05:00Z'))).toBe('07:05 UTC');
  });
});

describe('plural', () => {
  it('uses the singular only for exactly one, and groups thousands', () => {
    expect(plural(1, 'request')).toBe('1 request');
    expect(plural(0, 'request')).toBe('0 requests');
    expect(plural(2, 'request')).toBe('2 requests');
    expect(plural(3, 'new IP address', 'new IP addresses')).toBe('3 new IP addresses');
    expect(plural(12345, 'call')).toBe('12,345 calls');
  });
});

describe('renderMail', () => {
  it('puts the key name, hint, community and facts in both parts', () => {
    const mail = renderMail(message({ facts: [{ label: 'IP address', value: '203.0.113.9' }] }));
    for (const part of [mail.text, mail.html]) {
      for (const expected of ['Billing sync', 'acme_…WXYZ', 'Acme', 'IP address', '203.0.113.9', 'Something happened.']) {
        expect(part).toContain(expected);
      }
    }
    expect(mail.text).toMatch(/^Key:\s+Billing sync \(acme_…WXYZ\)$/m);
    expect(mail.text).toMatch(/^IP address:\s+203\.0\.113\.9$/m);
  });

  it('links to the key page, with the address written out in full', () => {
    const mail = renderMail(message());
    expect(mail.text).toContain(`Open the key page: ${keyUrl}`);
    expect(mail.html).toContain(`href="${keyUrl}"`);
    expect(mail.html).toContain(`>${keyUrl}</a>`);
    expect(mail.html).toContain('Open the key page');
  });

  it('leaves the link out when there is no key page', () => {
    const mail = renderMail(message({ keyUrl: undefined }));
    expect(mail.text).not.toContain('Open the key page');
    expect(mail.html).not.toContain('Open the key page');
    expect(mail.html).not.toContain('href=');
  });

  it('explains why usage notices arrive and how to stop them', () => {
    const mail = renderMail(message({ kind: 'digest' }));
    expect(mail.subject).toBe('API key “Billing sync” was used');
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('you turned on e-mail notifications for this key');
      expect(part).toContain('edit page');
    }
  });

  it('marks security notices and says they are always sent', () => {
    const mail = renderMail(message({ kind: 'key_disabled' }));
    expect(mail.subject).toBe('Security notice: API key “Billing sync” was used');
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('Security notices are always sent to the admin responsible for the key.');
      expect(part).not.toContain('turned on e-mail notifications');
    }
  });

  it('shows at most 10 rows of a table, then how many more there are', () => {
    const rows = Array.from({ length: 13 }, (_, i) => [`198.51.100.${i + 1}`, 1000 + i]);
    const mail = renderMail(message({ tables: [{ title: 'IP addresses', columns: ['IP address', 'Requests'], rows }] }));
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('198.51.100.10');
      expect(part).not.toContain('198.51.100.11');
      expect(part).toContain('and 3 more');
      expect(part).toContain('1,009');
    }
    expect(mail.text).toMatch(/^ {2}198\.51\.100\.1 +1,000$/m);
    expect(mail.html).toContain('text-align:right;">1,000</td>');
  });

  it('does not print "and 0 more" or an empty table', () => {
    const mail = renderMail(
      message({
        tables: [
          { title: 'Integrations', columns: ['Integration', 'Requests'], rows: [['Billing', 2]] },
          { title: 'Nothing here', columns: ['IP address'], rows: [] },
        ],
      }),
    );
    expect(mail.text).not.toContain('more');
    expect(mail.text).not.toContain('Nothing here');
    expect(mail.html).not.toContain('Nothing here');
  });

  it('keeps a key name with markup readable in text and inert in HTML', () => {
    const hostile = { ...key, name: '<script>alert(1)</script> & "x"' };
    const mail = renderMail(message({ key: hostile, subject: keyTitle(hostile) }));
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;');
    expect(mail.text).toContain('<script>alert(1)</script> & "x"');
    expect(mail.subject).toBe('API key “<script>alert(1)</script> & "x"”');
  });

  it('never lets a line break in a key name reach the subject header', () => {
    const mail = renderMail(message({ subject: 'API key “a\r\nBcc: x@example.com”' }));
    expect(mail.subject).toBe('API key “a Bcc: x@example.com”');
  });

  it('uses no external resources, so it reads the same with images off', () => {
    const { html } = renderMail(message({ kind: 'ip_refused' }));
    expect(html).not.toMatch(/<img|<link|<style|@import|url\(/i);
    expect(html).toContain('max-width:560px');
  });
});
