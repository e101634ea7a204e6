import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checksumOf } from './checksum';
import { generateApiKey } from './generate';
import { API_KEY_PATTERN, API_KEY_SCAN_PATTERN } from './key-pattern';

describe('the key pattern published for secret scanners', () => {
  const scan = new RegExp(API_KEY_SCAN_PATTERN, 'g');

  it('finds generated keys in surrounding text, and only them', () => {
    const keys = ['acme', 'ci_bot-2', 'zz'].map((prefix) => generateApiKey(prefix).key);
    const text = `export API_KEY=${keys[0]}\n"token": "${keys[1]}", url=https://x.test/?k=${keys[2]}&more`;
    expect(text.match(scan)).toEqual(keys);
    expect('acme_tooShort123 Acme_' + 'a'.repeat(46)).not.toMatch(scan);
  });

  it('lets a scanner confirm a match offline: the last 6 characters are the checksum of the rest', () => {
    const { key } = generateApiKey('acme');
    expect(key).toMatch(API_KEY_PATTERN);
    expect(checksumOf(key.slice(0, -6))).toBe(key.slice(-6));
  });

  it('is the one the README publishes', () => {
    expect(readFileSync('README.md', 'utf8')).toContain(`\n${API_KEY_SCAN_PATTERN}\n`);
  });
});
