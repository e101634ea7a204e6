// One table for the key's shape so generate, parse and tests cannot drift apart.
export const API_KEY_FORMAT = {
  /** Separates prefix from body; the body never contains it, so the LAST one is the separator. */
  separator: '_',
  /** 40 base62 chars ≈ 238 bits, comfortably above the 192-bit floor. */
  secretLength: 40,
  /** CRC32 (< 2^32) always fits in 6 base62 digits (62^6 ≈ 5.7e10). */
  checksumLength: 6,
  /** Longest accepted raw input; real keys are at most 16 + 1 + 46 = 63 chars. Checked first so huge inputs are cheap. */
  maxInputLength: 128,
} as const;

/** Characters after the separator: secret followed by checksum. */
export const API_KEY_BODY_LENGTH = API_KEY_FORMAT.secretLength + API_KEY_FORMAT.checksumLength;
