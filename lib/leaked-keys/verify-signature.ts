import { verify, type KeyObject } from 'node:crypto';

// Standard base64 with its padding, as GitHub sends it; a DER ECDSA P-256 signature is 70–72 bytes.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const MAX_SIGNATURE_CHARS = 256;

/**
 * GitHub's secret-scanning signature: ECDSA P-256 with SHA-256 over the raw body bytes, DER-encoded,
 * base64 in Github-Public-Key-Signature. Never throws: truncated or malformed input is just false.
 */
export function verifySignature({ body, signature, key }: { body: Uint8Array; signature: string; key: KeyObject }): boolean {
  if (signature.length === 0 || signature.length > MAX_SIGNATURE_CHARS || !BASE64.test(signature)) return false;
  try {
    return verify('sha256', body, { key, dsaEncoding: 'der' }, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
