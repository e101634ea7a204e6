// Lowercase ASCII only so prefixes are unambiguous when read aloud or grepped in logs.
export const KEY_PREFIX_PATTERN = /^[a-z][a-z0-9_-]{1,15}$/;

/** Shown to users next to the prefix field; keep in step with KEY_PREFIX_PATTERN. */
export const KEY_PREFIX_RULE = '2–16 characters of a–z, 0–9, _ or -, starting with a letter';

export function isValidKeyPrefix(s: string): boolean {
  // Callers may pass untrusted form input; a non-string is simply invalid, never an exception.
  return typeof s === 'string' && KEY_PREFIX_PATTERN.test(s);
}
