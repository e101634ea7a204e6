import { randomBytes } from 'node:crypto';

// Digits, then upper, then lower: ASCII order, so encoded numbers of equal width sort numerically.
export const BASE62_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

const BASE = BASE62_ALPHABET.length;
// Largest multiple of 62 that fits in a byte (248): bytes at or above it are discarded so `byte % 62` stays uniform.
const REJECT_AT = 256 - (256 % BASE);

function assertCount(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
}

/** `length` uniformly random base62 characters from the CSPRNG, without modulo bias. */
export function randomBase62(length: number): string {
  assertCount(length, 'length');
  let out = '';
  while (out.length < length) {
    // ~3% of bytes are rejected; over-request a little so one round nearly always suffices.
    const bytes = randomBytes(Math.ceil((length - out.length) * 1.1) + 8);
    for (let i = 0; i < bytes.length && out.length < length; i++) {
      const byte = bytes[i];
      if (byte < REJECT_AT) out += BASE62_ALPHABET[byte % BASE];
    }
  }
  return out;
}

/** `n` in base62, left-padded with '0' to exactly `width` chars; throws rather than silently truncating. */
export function encodeBase62Fixed(n: number, width: number): string {
  assertCount(n, 'n');
  assertCount(width, 'width');
  let rest = n;
  let out = '';
  for (let i = 0; i < width; i++) {
    out = BASE62_ALPHABET[rest % BASE] + out;
    rest = Math.floor(rest / BASE);
  }
  if (rest !== 0) throw new RangeError(`${n} does not fit in ${width} base62 digits`);
  return out;
}
