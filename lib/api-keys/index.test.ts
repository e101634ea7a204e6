import { describe, expect, it } from 'vitest';
import * as apiKeys from './index';

describe('lib/api-keys public surface', () => {
  it('round-trips through the barrel exports', () => {
    const { key, hash, hint, prefix } = apiKeys.generateApiKey('acme');
    expect(apiKeys.parseApiKey(key)).toEqual({ ok: true, prefix, key });
    expect(apiKeys.hashApiKey(key)).toBe(hash);
    expect(apiKeys.keyHint(prefix, key)).toBe(hint);
    expect(apiKeys.isValidKeyPrefix(prefix)).toBe(true);
  });
});
