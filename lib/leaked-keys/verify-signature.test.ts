import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifySignature } from './verify-signature';

const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const body = Buffer.from('[{"token":"acme_x","type":"t","url":"https://github.com/o/r","source":"content"}]');
const signed = (data: Uint8Array, key = pair.privateKey) => sign('sha256', data, { key, dsaEncoding: 'der' }).toString('base64');

describe('verifySignature', () => {
  const good = signed(body);

  it('accepts the signature of exactly these bytes by this key', () => {
    expect(verifySignature({ body, signature: good, key: pair.publicKey })).toBe(true);
  });

  it.each([
    ['another body', { body: Buffer.from(body.toString().replace('content', 'commit')), signature: good }],
    ['one more byte', { body: Buffer.concat([body, Buffer.from(' ')]), signature: good }],
    ['another key', { body, signature: signed(body, other.privateKey) }],
    ['no signature', { body, signature: '' }],
    ['truncated base64', { body, signature: good.slice(0, -6) }],
    ['base64 of a truncated signature', { body, signature: Buffer.from(good, 'base64').subarray(0, 40).toString('base64') }],
    ['not base64', { body, signature: 'not a signature!' }],
    ['an IEEE P1363 signature instead of DER', { body, signature: sign('sha256', body, { key: pair.privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64') }],
    ['a huge header', { body, signature: 'A'.repeat(10_000) }],
  ])('refuses %s', (_, input) => {
    expect(verifySignature({ ...input, key: pair.publicKey })).toBe(false);
  });
});
