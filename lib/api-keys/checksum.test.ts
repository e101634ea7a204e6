import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeBase62Fixed } from './base62';
import { checksumOf } from './checksum';

describe('checksumOf', () => {
  it('is the standard CRC32 check value in base62', () => {
    // CRC32("123456789") = 0xCBF43926, the published check value for the IEEE polynomial.
    expect(crc32('123456789')).toBe(0xcbf43926);
    expect(checksumOf('123456789')).toBe('3jZRME');
  });

  it('is always 6 base62 chars, zero-padded', () => {
    for (const body of ['', 'a', 'acme_' + 'x'.repeat(40), 'ünïcödé 🔑']) {
      expect(checksumOf(body)).toMatch(/^[0-9A-Za-z]{6}$/);
    }
    expect(checksumOf('')).toBe('000000'); // CRC32 of nothing is 0
  });

  it('hashes the UTF-8 bytes of the string', () => {
    // 'é' is C3 A9 in UTF-8; a latin1 or UTF-16 reading would give a different CRC.
    expect(checksumOf('é')).toBe(encodeBase62Fixed(crc32(Buffer.from([0xc3, 0xa9])), 6));
    expect(checksumOf('é')).not.toBe(encodeBase62Fixed(crc32(Buffer.from([0xe9])), 6));
  });

  it('is deterministic and changes with any single character', () => {
    const body = 'acme_0123456789ABCDEFGHIJabcdefghij0123456789';
    expect(checksumOf(body)).toBe(checksumOf(body));
    for (let i = 0; i < body.length; i++) {
      const mutated = body.slice(0, i) + (body[i] === 'Q' ? 'R' : 'Q') + body.slice(i + 1);
      expect(checksumOf(mutated)).not.toBe(checksumOf(body));
    }
  });
});
