import { LRUCache } from 'lru-cache';
import { findApiKeyRowByHash, type ApiKeyLookupRow } from '@/db/queries/api-key-lookup';
import { compileIpLimits } from '@/lib/ip-limits';
// A deliberate import cycle: key-invalidation evicts from this cache, and a miss here makes sure
// the listener runs. Both sides only call each other at run time, never while loading.
import { apiKeyInvalidationLive, startApiKeyInvalidation } from './key-invalidation';

/** A key as the API guard sees it, kept in memory so a warm request needs no database round trip. */
export type CachedApiKey = ApiKeyLookupRow & {
  /** Compiled once per load, so a hit does not parse CIDRs again. */
  ipAllowed: (ip: string | null) => boolean;
};

// Bounded, because unknown keys are cached too and anyone can send well-formed made-up keys.
const MAX_ENTRIES = 10_000;
// Safety nets for a missed notification; changes normally arrive through LISTEN/NOTIFY at once.
const POSITIVE_TTL_MS = 5 * 60_000;
// Also bounds how long a key created right after a miss on its hash would be refused — in
// practice never, since nobody can guess a fresh key's random secret before it exists.
const NEGATIVE_TTL_MS = 30_000;
// lru-cache values must not be null: an unknown hash is stored as this marker.
const UNKNOWN = Symbol('unknown api key');

type CacheState = {
  entries: LRUCache<string, CachedApiKey | typeof UNKNOWN>;
  /** One query per hash however many requests miss at once. */
  inFlight: Map<string, Promise<CachedApiKey | null>>;
  /** Bumped by every invalidation, so a load that raced one does not store what it read. */
  generation: number;
  hits: number;
  misses: number;
  loads: number;
};

// server.ts and Next's bundle load this module separately; both must share one cache, or an
// invalidation received by one copy would leave the other serving the old key.
const globalForKeys = globalThis as unknown as { __icApiKeyCache?: CacheState };

function cache(): CacheState {
  globalForKeys.__icApiKeyCache ??= {
    entries: new LRUCache({
      max: MAX_ENTRIES,
      // The clock is read through the global each time so fake timers in tests can move it.
      perf: { now: () => performance.now() },
      // Read the clock on every check: performance.now() is cheaper than the timer lru-cache
      // would otherwise arm to debounce it.
      ttlResolution: 0,
    }),
    inFlight: new Map(),
    generation: 0,
    hits: 0,
    misses: 0,
    loads: 0,
  };
  return globalForKeys.__icApiKeyCache;
}

/**
 * The key whose SHA-256 hash this is, or null when none has it. Deleted keys are returned (status
 * 'deleted'). Database errors propagate and are not cached, so the caller can answer 503.
 */
export async function findApiKeyByHash(hash: string): Promise<CachedApiKey | null> {
  const state = cache();
  const cached = state.entries.get(hash);
  if (cached !== undefined) {
    state.hits++;
    return cached === UNKNOWN ? null : cached;
  }
  state.misses++;
  const pending = state.inFlight.get(hash);
  if (pending) return pending;
  const load = loadApiKey(state, hash).finally(() => {
    if (state.inFlight.get(hash) === load) state.inFlight.delete(hash);
  });
  state.inFlight.set(hash, load);
  return load;
}

async function loadApiKey(state: CacheState, hash: string): Promise<CachedApiKey | null> {
  // Not awaited: a lookup must not wait on (or fail because of) the listener. Until it is in
  // place nothing is cached, so a change made elsewhere meanwhile cannot be missed.
  startApiKeyInvalidation().catch(() => {});
  const generation = state.generation;
  state.loads++;
  const row = await findApiKeyRowByHash({ hash });
  const key = row ? toCachedApiKey(row) : null;
  // A changed generation means an invalidation arrived meanwhile: what we read may be older.
  if (state.generation === generation && apiKeyInvalidationLive()) {
    state.entries.set(hash, key ?? UNKNOWN, { ttl: key ? POSITIVE_TTL_MS : NEGATIVE_TTL_MS });
  }
  return key;
}

function toCachedApiKey(row: ApiKeyLookupRow): CachedApiKey {
  return { ...row, ipAllowed: compileIpLimits(row.ipLimits) };
}

/** Forgets one key (its row changed); the next lookup reads it again. */
export function evictApiKey(hash: string): void {
  const state = cache();
  state.generation++;
  state.entries.delete(hash);
  state.inFlight.delete(hash);
}

/** Forgets every key: used when notifications may have been missed (listener (re)connected). */
export function clearApiKeyCache(): void {
  const state = cache();
  state.generation++;
  state.entries.clear();
  state.inFlight.clear();
}

/** Counters since the process started (not reset by clearing), for tests and the benchmark. */
export function apiKeyCacheStats(): { size: number; hits: number; misses: number; loads: number } {
  const { entries, hits, misses, loads } = cache();
  return { size: entries.size, hits, misses, loads };
}
