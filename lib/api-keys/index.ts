// Public surface of API key format helpers; pure functions, safe on server and in tests.
export { BASE62_ALPHABET, encodeBase62Fixed, randomBase62 } from './base62';
export { checksumOf } from './checksum';
export { API_KEY_BODY_LENGTH, API_KEY_FORMAT } from './format';
export { generateApiKey, type GeneratedApiKey } from './generate';
export { hashApiKey } from './hash';
export { keyHint } from './hint';
export { API_KEY_PARSE_FAILURES, parseApiKey, type ApiKeyParseFailure, type ParsedApiKey } from './parse';
export { API_KEY_PATTERN, API_KEY_SCAN_PATTERN } from './key-pattern';
export { isValidKeyPrefix, KEY_PREFIX_PATTERN, KEY_PREFIX_RULE } from './prefix';
