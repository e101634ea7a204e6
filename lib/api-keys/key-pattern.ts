import { API_KEY_BODY_LENGTH, API_KEY_FORMAT } from './format';
import { KEY_PREFIX_PATTERN } from './prefix';

// The key's shape as regex source, from the format table and the prefix rule: parsing and the
// pattern published for secret scanners cannot drift apart.
const PREFIX_SOURCE = KEY_PREFIX_PATTERN.source.slice(1, -1);
/** The key's shape as regex source, unanchored (for finding keys inside other text). */
export const API_KEY_SOURCE = `${PREFIX_SOURCE}${API_KEY_FORMAT.separator}[0-9A-Za-z]{${API_KEY_BODY_LENGTH}}`;

/** A whole string that is shaped like a key (the checksum is checked separately). */
export const API_KEY_PATTERN = new RegExp(`^${API_KEY_SOURCE}$`);

/**
 * What a secret scanner searches text for (GitHub's partner program takes a regex): a key between
 * word boundaries. A match is confirmed offline with the checksum, CRC32 of everything before its
 * last 6 characters, in base62 (0-9, A-Z, a-z) — see `checksumOf`.
 */
export const API_KEY_SCAN_PATTERN = `\\b${API_KEY_SOURCE}\\b`;
