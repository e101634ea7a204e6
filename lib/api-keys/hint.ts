/** `acme_…a1B2`: enough to recognise a key in a list without revealing anything usable. */
export function keyHint(prefix: string, key: string): string {
  // The last 4 chars are checksum digits, not secret characters; the ≤24 CRC bits they reveal leave >200 bits unknown.
  return `${prefix}_…${key.slice(-4)}`;
}
