import { processState } from '@/lib/process-state';
import { createApiKeyCache, type ApiKeyCache, type CachedApiKey } from './key-cache';

export type { CachedApiKey } from './key-cache';

/** The process's one key cache (lib/process-state.ts says why it lives there). */
export function apiKeyCache(): ApiKeyCache {
  const state = processState();
  state.apiKeys ??= createApiKeyCache();
  return state.apiKeys;
}

export const findApiKeyByHash = (hash: string): Promise<CachedApiKey | null> => apiKeyCache().find(hash);
/** The cached answer for a hash without loading it: a key, null (known unknown), or undefined (not cached). */
export const cachedApiKey = (hash: string): CachedApiKey | null | undefined => apiKeyCache().cached(hash);
export const evictApiKey = (hash: string): void => apiKeyCache().evict(hash);
export const clearApiKeyCache = (): void => apiKeyCache().clear();
export const apiKeyCacheStats = () => apiKeyCache().stats();
