import { describe, expect, it } from 'vitest';
import { BASE62_ALPHABET, encodeBase62Fixed, randomBase62 } from './base62';

describe('BASE62_ALPHABET', () => {
  it('is 0-9A-Za-z, 62 distinct chars', () => {
    expect(BASE62_ALPHABET).toMatch(/^[0-9A-Za-z]{62}$/);
    expect(new Set(BASE62_ALPHABET).size).toBe(62);
    expect([...BASE62_ALPHABET].sort().join('')).toBe(BASE62_ALPHABET);
  });
});

describe('randomBase62', () => {
  it('returns exactly the requested number of base62 chars', () => {
    for (const length of [0, 1, 6, 40, 1000]) {
      const s = randomBase62(length);
      expect(s).toHaveLength(length);
      expect(s).toMatch(/^[0-9A-Za-z]*$/);
    }
  });

  it('rejects lengths that are not non-negative integers', () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => randomBase62(bad)).toThrow(RangeError);
    }
  });

  it('is roughly uniform, with no modulo bias toward the first 8 chars', () => {
    const draws = 62 * 10_000;
    const counts = new Map<string, number>();
    for (const c of randomBase62(draws)) counts.set(c, (counts.get(c) ?? 0) + 1);

    expect(counts.size).toBe(62);
    // Expected 10 000 each, σ≈100; ±15% is >10σ so this only fails on a real skew.
    for (const c of BASE62_ALPHABET) {
      expect(counts.get(c)).toBeGreaterThan(8_500);
      expect(counts.get(c)).toBeLessThan(11_500);
    }
    // Plain `byte % 62` would make '0'..'7' ~25% likelier than the rest.
    const mean = (chars: string) => [...chars].reduce((sum, c) => sum + counts.get(c)!, 0) / chars.length;
    const ratio = mean(BASE62_ALPHABET.slice(0, 8)) / mean(BASE62_ALPHABET.slice(8));
    expect(ratio).toBeGreaterThan(0.95);
    expect(ratio).toBeLessThan(1.05);
  });

  it('does not repeat itself', () => {
    const seen = new Set(Array.from({ length: 1000 }, () => randomBase62(40)));
    expect(seen.size).toBe(1000);
  });
});

describe('encodeBase62Fixed', () => {
  it.each([
    [0, 6, '000000'],
    [61, 6, '00000z'],
    [62, 6, '000010'],
    [0xcbf43926, 6, '3jZRME'],
    [2 ** 32 - 1, 6, '4gfFC3'],
    [62 ** 6 - 1, 6, 'zzzzzz'],
    [0, 0, ''],
  ])('encodes %d in width %d as %j', (n, width, expected) => {
    expect(encodeBase62Fixed(n, width)).toBe(expected);
  });

  it('throws instead of truncating a value that does not fit', () => {
    expect(() => encodeBase62Fixed(62 ** 6, 6)).toThrow(RangeError);
    expect(() => encodeBase62Fixed(1, 0)).toThrow(RangeError);
  });

  it('rejects negative, fractional and non-finite input', () => {
    expect(() => encodeBase62Fixed(-1, 6)).toThrow(RangeError);
    expect(() => encodeBase62Fixed(1.5, 6)).toThrow(RangeError);
    expect(() => encodeBase62Fixed(Number.NaN, 6)).toThrow(RangeError);
    expect(() => encodeBase62Fixed(1, -1)).toThrow(RangeError);
  });
});
