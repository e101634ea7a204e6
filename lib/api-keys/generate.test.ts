import { describe, expect, it } from 'vitest';
import { generateApiKey } from './generate';
import { hashApiKey } from './hash';
import { parseApiKey } from './parse';

const KEY_SHAPE = /^[a-z][a-z0-9_-]{1,15}_[0-9A-Za-z]{46}$/;

describe('generateApiKey', () => {
  it('produces <prefix>_<40 secret><6 checksum>', () => {
    const { key, prefix } = generateApiKey('acme');
    expect(prefix).toBe('acme');
    expect(key).toMatch(KEY_SHAPE);
    expect(key.startsWith('acme_')).toBe(true);
    expect(key.slice(key.lastIndexOf('_') + 1)).toHaveLength(46);
  });

  it('returns the hash of the key and a matching hint', () => {
    const { key, hash, hint } = generateApiKey('my_app-1');
    expect(hash).toBe(hashApiKey(key));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hint).toBe(`my_app-1_…${key.slice(-4)}`);
  });

  it('works at both prefix length bounds and with _ or - in the prefix', () => {
    for (const prefix of ['ab', 'abcdefghijklmnop', 'my_app', 'my-app', 'a_b_c']) {
      const generated = generateApiKey(prefix);
      expect(generated.key).toMatch(KEY_SHAPE);
      expect(parseApiKey(generated.key)).toEqual({ ok: true, prefix, key: generated.key });
    }
  });

  it('10 000 keys are all distinct, well-formed and parse back', () => {
    const keys = new Set<string>();
    const hashes = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const { key, hash } = generateApiKey('acme');
      expect(key).toMatch(KEY_SHAPE);
      const parsed = parseApiKey(key);
      if (!parsed.ok) throw new Error(`generated key failed to parse: ${key} (${parsed.reason})`);
      expect(parsed.prefix).toBe('acme');
      keys.add(key);
      hashes.add(hash);
    }
    expect(keys.size).toBe(10_000);
    expect(hashes.size).toBe(10_000);
  });

  it.each(['', 'a', 'Acme', '1abc', 'ac me', 'abcdefghijklmnopq', '🔑🔑'])('throws on invalid prefix %j', (prefix) => {
    expect(() => generateApiKey(prefix)).toThrow(/prefix/);
  });
});
