import { createHash } from 'node:crypto';

/**
 * SHA-256 hex of the full key. Keys carry ≥192 bits of entropy, so a fast unsalted hash is
 * enough (no brute force is feasible) and it allows an indexed equality lookup.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
