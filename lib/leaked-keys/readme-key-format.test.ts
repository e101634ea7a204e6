import { readFileSync } from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { API_KEY_BODY_LENGTH, API_KEY_FORMAT, generateApiKey, KEY_PREFIX_PATTERN } from '@/lib/api-keys';

// The README publishes the key format for scanners and pre-commit hooks: it must match what the app mints.
const readme = readFileSync(path.join(import.meta.dirname, '../../README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Leaked keys'), readme.indexOf('## Benchmark'));
const scanPattern = `\\b${KEY_PREFIX_PATTERN.source.slice(1, -1)}${API_KEY_FORMAT.separator}[0-9A-Za-z]{${API_KEY_BODY_LENGTH}}\\b`;

describe('the README’s Leaked keys section', () => {
  it('publishes the regular expression derived from the key format, and it finds keys in text and nothing else', () => {
    expect(section).toContain(`\n${scanPattern}\n`);
    expect(section).toContain(`grep -Eq '${scanPattern}'`);
    const keys = ['acme', 'ci_bot-2', 'zz'].map((prefix) => generateApiKey(prefix).key);
    const text = `API_KEY=${keys[0]}\n"token": "${keys[1]}", url=https://x.test/?k=${keys[2]}&more`;
    expect(text.match(new RegExp(scanPattern, 'g'))).toEqual(keys);
    expect(`Acme_${'a'.repeat(46)} acme_${'a'.repeat(45)} acme_${'a'.repeat(47)}`).not.toMatch(new RegExp(scanPattern));
  });

  it('gives a checksum check that confirms a real key offline and refuses a mistyped one', () => {
    const snippet = /```js\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    const body = snippet.replace(/^import .*$/m, '');
    const isOurKey = new Function('crc32', `${body}\nreturn isOurKey;`)(crc32) as (match: string) => boolean;
    for (const prefix of ['ic', 'acme', 'ci_bot-2']) {
      const { key } = generateApiKey(prefix);
      expect(isOurKey(key)).toBe(true);
      const typo = key.slice(0, 10) + (key[10] === 'a' ? 'b' : 'a') + key.slice(11);
      expect(isOurKey(typo)).toBe(false);
    }
  });
});
