import { hash } from 'node:crypto';

/**
 * SHA-256 hex of the full key. Keys carry ≥192 bits of entropy, so a fast unsalted hash is
 * enough (no brute force is feasible) and it allows an indexed equality lookup.
 */
export function hashApiKey(key: string): string {
  // One-shot: no Hash object per call (this runs on every API request).
  return hash('sha256', key, 'hex');
}
