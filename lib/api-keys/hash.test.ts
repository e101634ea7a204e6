import { describe, expect, it } from 'vitest';
import { hashApiKey } from './hash';

describe('hashApiKey', () => {
  it('is SHA-256 hex', () => {
    // FIPS 180-2 test vector.
    expect(hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('is 64 lowercase hex chars, deterministic, and differs between keys', () => {
    const a = hashApiKey('acme_aaaa');
    const b = hashApiKey('acme_aaab');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(b).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey('acme_aaaa')).toBe(a);
    expect(a).not.toBe(b);
  });

  it('never contains the key itself', () => {
    expect(hashApiKey('acme_secret')).not.toContain('secret');
  });
});
