import { readFileSync } from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { generateApiKey } from '@/lib/api-keys';
import { API_KEY_SCAN_PATTERN as scanPattern } from '@/lib/api-keys/key-pattern';

// The README publishes the key format for scanners and pre-commit hooks: it must match what the app mints.
const readme = readFileSync(path.join(import.meta.dirname, '../../README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Leaked keys'), readme.indexOf('## Benchmark'));

describe('the README’s Leaked keys section', () => {
  it('publishes the app’s scan pattern (lib/api-keys/key-pattern.ts), in the pre-commit hook too', () => {
    expect(section).toContain(`\n${scanPattern}\n`);
    expect(section).toContain(`grep -Eq '${scanPattern}'`);
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
