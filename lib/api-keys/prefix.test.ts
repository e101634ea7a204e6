import { describe, expect, it } from 'vitest';
import { isValidKeyPrefix, KEY_PREFIX_PATTERN, KEY_PREFIX_RULE } from './prefix';

describe('isValidKeyPrefix', () => {
  it.each(['ab', 'acme', 'my_app-1', 'a0', 'z-', 'a_', 'abcdefghijklmnop'])('accepts %j', (prefix) => {
    expect(isValidKeyPrefix(prefix)).toBe(true);
    expect(KEY_PREFIX_PATTERN.test(prefix)).toBe(true);
  });

  it.each([
    ['a', 'too short'],
    ['abcdefghijklmnopq', '17 chars'],
    ['Acme', 'uppercase'],
    ['acMe', 'uppercase inside'],
    ['1abc', 'starts with a digit'],
    ['_abc', 'starts with _'],
    ['-abc', 'starts with -'],
    ['ac me', 'space'],
    [' acme', 'leading space'],
    ['acme\n', 'trailing newline'],
    ['acmé', 'non-ASCII letter'],
    ['🔑🔑', 'emoji'],
    ['ac.me', 'dot'],
    ['', 'empty'],
  ])('rejects %j (%s)', (prefix) => {
    expect(isValidKeyPrefix(prefix)).toBe(false);
  });

  it('treats non-strings as invalid rather than throwing', () => {
    for (const bad of [null, undefined, 123, {}, ['acme']]) {
      expect(isValidKeyPrefix(bad as unknown as string)).toBe(false);
    }
  });

  it('16 chars is the exact upper bound', () => {
    expect('abcdefghijklmnop').toHaveLength(16);
    expect(isValidKeyPrefix('a'.repeat(16))).toBe(true);
    expect(isValidKeyPrefix('a'.repeat(17))).toBe(false);
  });
});

describe('KEY_PREFIX_RULE', () => {
  it('describes the rule in words', () => {
    expect(KEY_PREFIX_RULE).toBe('2–16 characters of a–z, 0–9, _ or -, starting with a letter');
  });
});
