import { describe, expect, it } from 'vitest';
import { renderLeakNotice, type LeakNoticeInput } from './leak-notice';

const input: LeakNoticeInput = {
  key: { id: 'k1', name: 'Billing sync', hint: 'acme_…NEW1', communityName: 'Acme' },
  keyUrl: 'https://ic.example.com/admin/integration-center/api-keys/k1',
  rotateUrl: 'https://ic.example.com/admin/integration-center/api-keys/k1?rotate=1',
  at: new Date('2026-11-26T10:39:00Z'),
  reporter: 'github',
  secretHint: 'acme_…NEW1',
  currentSecret: true,
  url: 'https://github.com/octo/repo/blob/abc123/.env',
  source: 'commit',
  tokenType: 'integration_center_api_key',
  reporterIp: '140.82.115.1',
  result: 'disabled',
};

function expectInBothParts(mail: { text: string; html: string }, expected: string[]) {
  for (const part of [mail.text, mail.html]) for (const value of expected) expect(part).toContain(value);
}

describe('renderLeakNotice', () => {
  it('says where GitHub found the secret, when, what was done, and links to the key and to rotating it', () => {
    const mail = renderLeakNotice(input);
    expect(mail.subject).toBe('Security notice: API key “Billing sync” was reported leaked');
    expectInBothParts(mail, [
      'GitHub secret scanning',
      'https://github.com/octo/repo/blob/abc123/.env',
      'commit',
      '26 Nov 2026, 10:39 UTC',
      'The key was disabled',
      'key_disabled',
      input.keyUrl,
      'Rotate the key',
    ]);
    expect(mail.text).toMatch(/^Found at:\s+https:\/\/github\.com\/octo\/repo\/blob\/abc123\/\.env$/m);
    expect(mail.text).toMatch(/^What was done:\s+The key was disabled$/m);
    expect(mail.text).toContain(`Rotate the key: ${input.rotateUrl}`);
  });

  it('names the reporter’s address for a public revoke request, and no location', () => {
    const mail = renderLeakNotice({ ...input, reporter: 'public', url: null, source: null, tokenType: null, result: 'notified' });
    expectInBothParts(mail, ['public revoke', '140.82.115.1', 'Only notify', 'Rotate the key now']);
    expect(mail.text).not.toContain('Found at');
  });

  it('tells an old secret from the current one', () => {
    const mail = renderLeakNotice({ ...input, secretHint: 'acme_…OLD1', currentSecret: false, result: 'old_secret_ended' });
    expect(mail.text).toMatch(/^Leaked secret:\s+acme_…OLD1 \(an old secret, replaced by a rotation\)$/m);
    expect(mail.text).toContain('The old secret stopped working at once');
  });

  it('escapes what the scanner sent in HTML, and never links it', () => {
    const mail = renderLeakNotice({ ...input, url: 'https://x.test/"><script>alert(1)</script>', source: '<b>content</b>' });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<b>content');
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.html).not.toContain('href="https://x.test');
  });
});
