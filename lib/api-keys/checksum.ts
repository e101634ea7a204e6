import { crc32 } from 'node:zlib';
import { encodeBase62Fixed } from './base62';
import { API_KEY_FORMAT } from './format';

/**
 * CRC32 of `body` (UTF-8), as fixed-width base62. Lets us reject typos and truncated
 * keys without a database lookup; it is not a security control (the hash is).
 */
export function checksumOf(body: string): string {
  return encodeBase62Fixed(crc32(body), API_KEY_FORMAT.checksumLength);
}
