import { randomBase62 } from './base62';
import { checksumOf } from './checksum';
import { API_KEY_FORMAT } from './format';
import { hashApiKey } from './hash';
import { keyHint } from './hint';
import { isValidKeyPrefix, KEY_PREFIX_RULE } from './prefix';

export type GeneratedApiKey = {
  /** Shown to the user once; never stored. */
  key: string;
  /** What the database stores and looks up by. */
  hash: string;
  /** Safe to store and display. */
  hint: string;
  prefix: string;
};

/** Mints `<prefix>_<secret><checksum>`; throws on an invalid prefix because that is a programming/input error upstream. */
export function generateApiKey(prefix: string): GeneratedApiKey {
  if (!isValidKeyPrefix(prefix)) {
    throw new RangeError(`Invalid API key prefix ${JSON.stringify(prefix)}: must be ${KEY_PREFIX_RULE}`);
  }
  const body = `${prefix}${API_KEY_FORMAT.separator}${randomBase62(API_KEY_FORMAT.secretLength)}`;
  const key = body + checksumOf(body);
  return { key, hash: hashApiKey(key), hint: keyHint(prefix, key), prefix };
}
