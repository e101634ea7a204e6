import { API_KEY_CHANGED_CHANNEL } from '@/db/queries/api-key-lookup';
import { apiKeyCache } from './key-lookup';

export const API_KEY_CHANNEL = API_KEY_CHANGED_CHANNEL;

/** Starts the process's key cache listener (lib/api-keys/key-change-listener.ts); resolves once LISTEN is in place. */
export const startApiKeyInvalidation = (): Promise<void> => apiKeyCache().invalidation.start();
/** Stops listening (tests, shutdown) and drops the cache, which nothing would keep honest now. */
export const stopApiKeyInvalidation = (): Promise<void> => apiKeyCache().invalidation.stop();
