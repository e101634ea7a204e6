import { LRUCache } from 'lru-cache';
import { findApiKeyRowByHash, type ApiKeyLookupRow } from '@/db/queries/api-key-lookup';
import { compileIpLimits } from '@/lib/ip-limits';
import { createKeyChangeListener, type KeyChangeListener } from './key-change-listener';

/** A key as the API guard sees it, kept in memory so a warm request needs no database round trip. */
export type CachedApiKey = ApiKeyLookupRow & {
  /** Compiled once per load, so a hit does not parse CIDRs again. */
  ipAllowed: (ip: string | null) => boolean;
};

export type ApiKeyCache = {
  /**
   * The key whose SHA-256 hash this is, or null when none has it. Deleted keys are returned
   * (status 'deleted'). Database errors propagate and are not cached, so the caller can answer 503.
   */
  find(hash: string): Promise<CachedApiKey | null>;
  /**
   * What is cached for a hash, loading nothing: the key, null (known to be no key), or undefined.
   * Synchronous, so a warm request does not wait a turn of the event loop; counted as a hit when found.
   */
  cached(hash: string): CachedApiKey | null | undefined;
  /** Forgets one key (its row changed); the next lookup reads it again. */
  evict(hash: string): void;
  /** Forgets every key: used when notifications may have been missed (listener (re)connected). */
  clear(): void;
  /** Counters since the cache was created (not reset by clearing), for tests and the benchmark. */
  stats(): { size: number; hits: number; misses: number; loads: number };
  /** LISTEN/NOTIFY eviction; nothing is cached while it is not live. */
  invalidation: KeyChangeListener;
};

/**
 * While the LISTEN connection is down, changes go unseen: cached keys are still served (the API
 * keeps working through a short database outage, as Unkey's cache does) but for this long at most,
 * counted from the disconnect; after it every lookup goes to the database, so while that is down
 * too the guard answers 503. When LISTEN is back the whole cache is dropped (README: outages).
 */
export const STALE_WINDOW_MS = 60_000;

// Real keys and unknown hashes live in separate caches: anyone can send well-formed made-up keys
// (each one a miss), and they must never push a real key out.
const MAX_KEYS = 10_000;
const MAX_UNKNOWN = 10_000;
// Safety nets for a missed notification; changes normally arrive through LISTEN/NOTIFY at once.
const POSITIVE_TTL_MS = 5 * 60_000;
// Also bounds how long a key created right after a miss on its hash would be refused — in
// practice never, since nobody can guess a fresh key's random secret before it exists.
const NEGATIVE_TTL_MS = 30_000;

/** `listener` is for tests, which play the LISTEN connection's part; the app uses the real one. */
export function createApiKeyCache(listener: typeof createKeyChangeListener = createKeyChangeListener): ApiKeyCache {
  const lruOptions = {
    // The clock is read through the global each time so fake timers in tests can move it.
    perf: { now: () => performance.now() },
    // Read the clock on every check: performance.now() is cheaper than the timer lru-cache
    // would otherwise arm to debounce it.
    ttlResolution: 0,
  };
  const entries = new LRUCache<string, CachedApiKey>({ max: MAX_KEYS, ttl: POSITIVE_TTL_MS, ...lruOptions });
  // lru-cache values must not be null: an unknown hash is stored as `true`.
  const unknown = new LRUCache<string, true>({ max: MAX_UNKNOWN, ttl: NEGATIVE_TTL_MS, ...lruOptions });
  /** One query per hash however many requests miss at once. */
  const inFlight = new Map<string, Promise<CachedApiKey | null>>();
  /** Bumped by every invalidation, so a load that raced one does not store what it read. */
  let generation = 0;
  let hits = 0;
  let misses = 0;
  let loads = 0;
  /** When the LISTEN connection went down (monotonic ms), or null while it is up. */
  let lostAt: number | null = null;

  const cached = (hash: string) => {
    if (lostAt !== null && performance.now() - lostAt > STALE_WINDOW_MS) return undefined;
    const known = entries.get(hash) ?? (unknown.get(hash) ? null : undefined);
    if (known !== undefined) hits++;
    return known;
  };
  const evict = (hash: string) => {
    generation++;
    entries.delete(hash);
    unknown.delete(hash);
    inFlight.delete(hash);
  };
  const clear = () => {
    generation++;
    entries.clear();
    unknown.clear();
    inFlight.clear();
  };
  const invalidation = listener({
    evict,
    resync: () => {
      clear();
      lostAt = null;
    },
    lost: () => {
      lostAt = performance.now();
    },
  });

  async function load(hash: string): Promise<CachedApiKey | null> {
    // Not awaited: a lookup must not wait on (or fail because of) the listener. Until it is in
    // place nothing is cached, so a change made elsewhere meanwhile cannot be missed.
    invalidation.start().catch(() => {});
    const loadedIn = generation;
    loads++;
    const row = await findApiKeyRowByHash({ hash });
    const key = row ? { ...row, ipAllowed: compileIpLimits(row.ipLimits) } : null;
    // A changed generation means an invalidation arrived meanwhile: what we read may be older.
    if (generation === loadedIn && invalidation.live()) {
      if (key) entries.set(hash, key);
      else unknown.set(hash, true);
    }
    return key;
  }

  return {
    async find(hash) {
      const known = cached(hash);
      if (known !== undefined) return known;
      misses++;
      const pending = inFlight.get(hash);
      if (pending) return pending;
      const loading = load(hash).finally(() => {
        if (inFlight.get(hash) === loading) inFlight.delete(hash);
      });
      inFlight.set(hash, loading);
      return loading;
    },
    cached,
    evict,
    clear,
    stats: () => ({ size: entries.size + unknown.size, hits, misses, loads }),
    invalidation,
  };
}
