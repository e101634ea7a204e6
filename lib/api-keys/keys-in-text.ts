import { checksumOf } from './checksum';
import { API_KEY_BODY_LENGTH, API_KEY_FORMAT } from './format';
import { keyHint } from './hint';
import { API_KEY_SOURCE } from './key-pattern';

/**
 * Keys that turn up inside a URL (a path segment, `;key=`, a query value) or any other text:
 * what the guard refuses (key_in_url) and what is redacted before a path is logged or stored.
 *
 * Two strengths on purpose: refusing needs a string that parses as one of our keys (shape and
 * checksum), while redacting takes anything key-shaped, so a key with a typo, which still holds
 * nearly all of its secret, never reaches a log either.
 */

const SHORTEST_PREFIX = 2;
const SHORTEST_KEY = SHORTEST_PREFIX + API_KEY_FORMAT.separator.length + API_KEY_BODY_LENGTH;
// Key-shaped text without the word boundaries of the scanner pattern: in a URL a key may touch
// anything (`/me/<key>x`, `;key=<key>`). Leftmost, longest prefix first.
const KEY_SHAPES = new RegExp(API_KEY_SOURCE, 'g');
// What every key has and ordinary text almost never does: the separator then 46 base62 characters.
// Tested first because it is cheap (a scan for '_'), where the whole shape backtracks on every word.
const KEY_BODY = new RegExp(`${API_KEY_FORMAT.separator}[0-9A-Za-z]{${API_KEY_BODY_LENGTH}}`);

// RFC 3986 §6.2.2.2: a percent-encoded unreserved character means the character itself, and every
// character of a key is unreserved, so `%5F` cannot hide a key from the check.
const ENCODED_UNRESERVED = /%(2[dDeE]|3\d|[46][1-9a-fA-F]|[57][0-9aA]|5[fF]|7[eE])/g;
const decodeUnreserved = (text: string) => (text.includes('%') ? text.replace(ENCODED_UNRESERVED, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text);

/** The cheap test every request pays: no key fits in a short URL, and a normal one has no 46-character run. */
function mayHoldKey(text: string): boolean {
  if (text.length < SHORTEST_KEY) return false;
  const encoded = text.includes('%');
  if (!encoded) return text.includes(API_KEY_FORMAT.separator) && KEY_BODY.test(text);
  return KEY_BODY.test(decodeUnreserved(text));
}

/**
 * Whether a key-shaped match is one of our keys: its checksum holds for some prefix it ends with
 * (the match may have swallowed neighbouring characters, as `v1-acme_…` does).
 */
function parsesAsKey(match: string): boolean {
  const checksumStart = match.length - API_KEY_FORMAT.checksumLength;
  const expected = match.slice(checksumStart);
  const separator = match.length - API_KEY_BODY_LENGTH - 1;
  for (let start = 0; start <= separator - SHORTEST_PREFIX; start++) {
    if (!/[a-z]/.test(match[start])) continue;
    if (checksumOf(match.slice(start, checksumStart)) === expected) return true;
  }
  return false;
}

/** True when some part of `text` parses as one of our keys (checksum included). */
export function containsApiKey(text: string): boolean {
  if (!mayHoldKey(text)) return false;
  return (decodeUnreserved(text).match(KEY_SHAPES) ?? []).some(parsesAsKey);
}

/**
 * `text` with every key-shaped part replaced by its hint (`acme_…a1B2`: prefix and last 4), as the
 * keys list shows it. Text with nothing key-like (every normal URL) comes back as the same string.
 */
export function redactApiKeys(text: string): string {
  if (!mayHoldKey(text)) return text;
  return decodeUnreserved(text).replace(KEY_SHAPES, (match) => keyHint(match.slice(0, match.length - API_KEY_BODY_LENGTH - 1), match));
}
