import { checksumOf } from './checksum';
import { API_KEY_BODY_LENGTH, API_KEY_FORMAT } from './format';
import { API_KEY_PATTERN } from './key-pattern';

export const API_KEY_PARSE_FAILURES = ['empty', 'too_long', 'malformed', 'bad_checksum'] as const;
export type ApiKeyParseFailure = (typeof API_KEY_PARSE_FAILURES)[number];

export type ParsedApiKey =
  | { ok: true; prefix: string; key: string }
  | { ok: false; reason: ApiKeyParseFailure };

// Whole-key shape in one anchored regex (API_KEY_PATTERN). The body has no '_', so the separator is the
// last '_'; every quantifier is bounded and input length is capped first, so there is no backtracking blow-up.

// Preallocated (and frozen, since they are shared) so the hot rejection paths allocate nothing.
const fail = (reason: ApiKeyParseFailure): ParsedApiKey => Object.freeze({ ok: false, reason });
const EMPTY = fail('empty');
const TOO_LONG = fail('too_long');
const MALFORMED = fail('malformed');
const BAD_CHECKSUM = fail('bad_checksum');

/**
 * Validates an untrusted credential on every request: never throws, one regex and one CRC32.
 * A missing value (undefined, null, '') is 'empty' so callers can tell "no key" from "bad key".
 * Whitespace is not trimmed: a key with surrounding spaces is 'malformed'.
 */
export function parseApiKey(raw: unknown): ParsedApiKey {
  if (raw === undefined || raw === null || raw === '') return EMPTY;
  if (typeof raw !== 'string') return MALFORMED;
  if (raw.length > API_KEY_FORMAT.maxInputLength) return TOO_LONG;
  if (!API_KEY_PATTERN.test(raw)) return MALFORMED;
  const split = raw.length - API_KEY_BODY_LENGTH - 1;
  const checksumStart = raw.length - API_KEY_FORMAT.checksumLength;
  if (checksumOf(raw.slice(0, checksumStart)) !== raw.slice(checksumStart)) return BAD_CHECKSUM;
  return { ok: true, prefix: raw.slice(0, split), key: raw };
}
