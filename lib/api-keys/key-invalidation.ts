import { API_KEY_CHANGED_CHANNEL } from '@/db/queries/api-key-lookup';
import { apiKeyCache } from './key-lookup';

/** The process's key cache listener (lib/api-keys/key-change-listener.ts). */
export const API_KEY_CHANNEL = API_KEY_CHANGED_CHANNEL;

export const startApiKeyInvalidation = (): Promise<void> => apiKeyCache().invalidation.start();
export const apiKeyInvalidationLive = (): boolean => apiKeyCache().invalidation.live();
/** Stops listening (tests, shutdown) and drops the cache, which nothing would keep honest now. */
export const stopApiKeyInvalidation = (): Promise<void> => apiKeyCache().invalidation.stop();
