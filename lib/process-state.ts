import type { Database } from '@/db/index';
import type { ApiKeyCache } from '@/lib/api-keys/key-cache';
import type { UsageRecorder } from '@/lib/api/usage-recorder';
import type { RateLimiter } from '@/lib/rate-limit/limiter';

/**
 * What exists once per process, and the one documented hook between server.ts and the app.
 *
 * Next compiles instrumentation.ts and the routes as separate module graphs that do not share
 * module instances (vercel/next.js#69544), and server.ts (tsx) loads a third copy; module-level
 * state would exist once per copy. So the few things that must be one per process hang here, on
 * `process`, under one symbol, and nowhere else:
 * - `database`: the one database client (db/index.ts opens it on first use).
 * - `stampedByServer`: set by server.ts before Next serves anything; only then are the client IP
 *   and request id headers it writes believed (lib/request-stamp.ts).
 * - `usage`, `apiKeys`, `rateLimiter`: the usage buffer, the key cache and the rate-limit counters
 *   (with their Redis connection), created on first use by whichever copy comes first
 *   (instrumentation's register(), normally) and used by every route.
 * - `drain`: set by register() when background work starts (lib/background-work.ts); server.ts
 *   calls it once on SIGTERM/SIGINT, after the last request, before closing the database.
 */
export type ProcessState = {
  stampedByServer: boolean;
  database?: Database;
  usage?: UsageRecorder;
  apiKeys?: ApiKeyCache;
  rateLimiter?: RateLimiter;
  drain?: () => Promise<void>;
};

const KEY = Symbol.for('integration-center.process-state');
const holder = process as unknown as Record<typeof KEY, ProcessState | undefined>;

export function processState(): ProcessState {
  holder[KEY] ??= { stampedByServer: false };
  return holder[KEY];
}
