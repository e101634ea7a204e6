import { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { getConfig } from '@/lib/config';
import { log } from '@/lib/logger';
import { processState } from '@/lib/process-state';
import { decide, slotOf, type RateLimitDecision, type RateLimitPolicy } from './sliding-window';

export type { RateLimitDecision, RateLimitPolicy } from './sliding-window';

/**
 * Counting calls for rate limits, across instances. rate-limiter-flexible keeps the counters: in
 * Redis with REDIS_URL (one shared count for every instance), else in this process (the embedded,
 * single-instance default). Its own algorithm is a fixed window, which lets 2× the limit through
 * at a boundary, so each window is counted as two fixed slots and weighed (sliding-window.ts).
 *
 * Redis down or slow: calls are counted in memory while the connection is not ready (without
 * waiting, except up to 500 ms for the first connection after start), every command is bounded
 * (250 ms, no offline queue), and after a command fails Redis is not asked for 5 s: the API neither
 * fails nor becomes unlimited (each instance counts on its own meanwhile). One warning when Redis
 * is lost, one line when it is back; ioredis reconnects by itself.
 */
export type RateLimiter = {
  /** Counts one call for `key` and says whether it is within the policy. */
  hit(key: string, policy: RateLimitPolicy): Promise<RateLimitDecision>;
  /** What one more call would get, without counting it. */
  peek(key: string, policy: RateLimitPolicy): Promise<RateLimitDecision>;
  /** Forgets `key`'s calls under this window. */
  reset(key: string, policy: RateLimitPolicy): Promise<void>;
  /** Which store answers now: for tests and logs. */
  store(): 'redis' | 'memory';
  close(): Promise<void>;
};

// Wall time, so a busy event loop makes replies late too: low enough to bound a stalled Redis, high
// enough that a saturated instance does not mistake its own delay for an outage.
const COMMAND_TIMEOUT_MS = 250;
const FIRST_CONNECTION_WAIT_MS = 500;
const REDIS_PAUSE_MS = 5_000;
// Counters never refuse by themselves: the limit is compared in decide(), so one store per
// window length serves every limit.
const UNBOUNDED = 1e12;
// A slot that has ended takes no more calls, so its count is read once and kept: a busy key costs
// one counter command per call, not two. Kept 1 s at most, so a reset on another instance (a
// successful sign-in) is seen within a second there too.
const CLOSED_SLOT_TTL_MS = 1_000;
const CLOSED_SLOTS_KEPT = 10_000;

type Stores = { redis: RateLimiterAbstract | null; memory: RateLimiterAbstract };

export function createRateLimiter({ redisUrl, keyPrefix }: { redisUrl?: string; keyPrefix: string }): RateLimiter {
  const redis = redisUrl
    ? new Redis(redisUrl, {
        enableOfflineQueue: false,
        commandTimeout: COMMAND_TIMEOUT_MS,
        maxRetriesPerRequest: 1,
        connectTimeout: 500,
        retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
      })
    : null;
  const byWindow = new Map<number, Stores>();
  const closedSlots = new LRUCache<string, number>({ max: CLOSED_SLOTS_KEPT, ttl: CLOSED_SLOT_TTL_MS });
  /** Bumped by every reset, so a count read before it is not kept after it. */
  let resets = 0;
  let pausedUntil = 0;
  let down = false;
  const lost = (error: unknown) => {
    if (down) return;
    down = true;
    log.warn({ err: error }, 'rate limits: Redis is unreachable; counting in this process until it is back');
  };
  const back = () => {
    if (!down) return;
    down = false;
    log.info('rate limits: Redis is reachable again; counting there');
  };
  // ioredis reconnects by itself; until it is ready, calls are counted in memory without waiting.
  redis?.on('error', lost);
  redis?.on('ready', back);
  const redisUsable = () => redis !== null && redis.status === 'ready' && Date.now() >= pausedUntil;
  // The first calls after start wait (500 ms at most) for the first connection, rather than being
  // counted in memory and then again from zero in Redis.
  let firstConnection: Promise<void> | null = redis
    ? new Promise<void>((resolve) => {
        const settle = () => {
          clearTimeout(timer);
          firstConnection = null;
          resolve();
        };
        const timer = setTimeout(settle, FIRST_CONNECTION_WAIT_MS);
        redis.once('ready', settle);
        redis.once('error', settle);
      })
    : null;

  function stores(windowSec: number): Stores {
    let found = byWindow.get(windowSec);
    if (!found) {
      const options = { points: UNBOUNDED, duration: windowSec * 2, keyPrefix: `${keyPrefix}:rl:${windowSec}` };
      found = { redis: redis ? new RateLimiterRedis({ ...options, storeClient: redis, rejectIfRedisNotReady: true }) : null, memory: new RateLimiterMemory(options) };
      byWindow.set(windowSec, found);
    }
    return found;
  }

  /** Runs `op` on Redis when it may be used, else (or when it fails) on memory. */
  async function run<T>(windowSec: number, op: (store: RateLimiterAbstract) => Promise<T>): Promise<T> {
    const { redis: shared, memory } = stores(windowSec);
    if (firstConnection) await firstConnection;
    if (shared && redisUsable()) {
      try {
        const result = await op(shared);
        back();
        return result;
      } catch (error) {
        // A connection that stays open but stops answering: each command times out, so stop asking for a while.
        pausedUntil = Date.now() + REDIS_PAUSE_MS;
        lost(error);
      }
    }
    return op(memory);
  }

  async function counts(key: string, { windowSec }: RateLimitPolicy, count: boolean) {
    const { index, elapsed } = slotOf(Date.now(), windowSec);
    const current = `${key}:${index}`;
    const closed = `${windowSec}:${key}:${index - 1}`;
    const known = closedSlots.get(closed);
    const resetsBefore = resets;
    const [now, before] = await run(windowSec, (store) =>
      Promise.all([count ? store.penalty(current, 1) : store.get(current), known === undefined ? store.get(`${key}:${index - 1}`) : null]),
    );
    const previous = known ?? before?.consumedPoints ?? 0;
    // A reset that ran while this read was out may have deleted what it read: do not keep it.
    if (known === undefined && resets === resetsBefore) closedSlots.set(closed, previous);
    return { current, elapsed, previous, seen: (now?.consumedPoints ?? 0) - (count ? 1 : 0) };
  }

  return {
    async hit(key, policy) {
      const { current, elapsed, previous, seen } = await counts(key, policy, true);
      const decision = decide(policy, { previous, current: seen, elapsed });
      // A refused call is not counted: a client that keeps trying is not locked out for longer.
      if (!decision.allowed) void run(policy.windowSec, (store) => store.reward(current, 1)).catch(() => {});
      return decision;
    },
    async peek(key, policy) {
      const { elapsed, previous, seen } = await counts(key, policy, false);
      return decide(policy, { previous, current: seen, elapsed });
    },
    async reset(key, { windowSec }) {
      const { index } = slotOf(Date.now(), windowSec);
      resets++;
      closedSlots.delete(`${windowSec}:${key}:${index - 1}`);
      await run(windowSec, (store) => Promise.all([store.delete(`${key}:${index}`), store.delete(`${key}:${index - 1}`)]));
    },
    store: () => (redisUsable() ? 'redis' : 'memory'),
    async close() {
      if (firstConnection) await firstConnection;
      await redis?.quit().catch(() => redis.disconnect());
    },
  };
}

/** The process's one rate limiter (lib/process-state.ts says why it lives there). */
export function rateLimiter(): RateLimiter {
  const state = processState();
  if (!state.rateLimiter) {
    const { REDIS_URL, REDIS_KEY_PREFIX } = getConfig();
    state.rateLimiter = createRateLimiter({ redisUrl: REDIS_URL, keyPrefix: REDIS_KEY_PREFIX });
  }
  return state.rateLimiter;
}
