import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { log } from '@/lib/logger';
import { createRateLimiter, type RateLimiter } from './limiter';

const prefix = `${process.env.REDIS_KEY_PREFIX ?? 'test'}-limiter`;
const key = () => `k:${crypto.randomUUID()}`;
const open: RateLimiter[] = [];
const limiter = (redisUrl?: string) => {
  const created = createRateLimiter({ redisUrl, keyPrefix: prefix });
  open.push(created);
  return created;
};
afterEach(() => vi.restoreAllMocks());
afterAll(() => Promise.all(open.map((created) => created.close())));

async function hits(rl: RateLimiter, k: string, n: number, policy: { limit: number; windowSec: number }) {
  const decisions = [];
  for (let i = 0; i < n; i++) decisions.push(await rl.hit(k, policy));
  return decisions;
}

describe('in process (no REDIS_URL)', () => {
  it('reads an ended slot’s count once, not on every call', async () => {
    const rl = limiter();
    const get = vi.spyOn(RateLimiterMemory.prototype, 'get');
    // An hour-long window: the five calls cannot straddle a slot boundary.
    await hits(rl, key(), 5, { limit: 10, windowSec: 3600 });
    expect(get).toHaveBeenCalledTimes(1);
  });

  it('allows the limit, then refuses with a retry time, without counting refused calls', async () => {
    const rl = limiter();
    const k = key();
    const decisions = await hits(rl, k, 7, { limit: 5, windowSec: 60 });
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, true, true, false, false]);
    expect(decisions.map((d) => d.remaining)).toEqual([4, 3, 2, 1, 0, 0, 0]);
    expect(decisions[5].retryAfterSec).toBeGreaterThanOrEqual(1);
    expect(rl.store()).toBe('memory');
    // Refused calls were not counted: peek sees exactly the five allowed ones.
    await vi.waitFor(async () => expect(await rl.peek(k, { limit: 6, windowSec: 60 })).toMatchObject({ allowed: true, remaining: 0 }));
  });

  it('keeps keys and windows apart, and forgets a key on reset', async () => {
    const rl = limiter();
    const [a, b] = [key(), key()];
    await hits(rl, a, 2, { limit: 2, windowSec: 60 });
    expect((await rl.hit(b, { limit: 2, windowSec: 60 })).allowed).toBe(true);
    expect((await rl.hit(a, { limit: 2, windowSec: 3600 })).allowed).toBe(true);
    expect((await rl.hit(a, { limit: 2, windowSec: 60 })).allowed).toBe(false);
    await rl.reset(a, { limit: 2, windowSec: 60 });
    expect((await rl.hit(a, { limit: 2, windowSec: 60 })).allowed).toBe(true);
  });
});

describe.skipIf(!process.env.REDIS_URL)('with Redis', () => {
  it('two instances share one count: 1 200 calls over both with a 1 000-per-minute limit → 1 000 allowed', async () => {
    const [one, two] = [limiter(process.env.REDIS_URL), limiter(process.env.REDIS_URL)];
    await vi.waitFor(() => expect([one.store(), two.store()]).toEqual(['redis', 'redis']), { timeout: 10_000 });
    const k = key();
    // Strict: the weighted estimate may let one extra call through when the rounds straddle a slot
    // boundary (previous slot 600 × 0.999 + 400 < 1 000); sharing the count is what is tested here.
    const policy = { limit: 1_000, windowSec: 60, strict: true };
    let allowed = 0;
    // Twelve rounds of 100 concurrent calls, alternating instances, as two servers would see them.
    for (let round = 0; round < 12; round++) {
      const decisions = await Promise.all(Array.from({ length: 100 }, (_, i) => ((round + i) % 2 ? one : two).hit(k, policy)));
      allowed += decisions.filter((d) => d.allowed).length;
    }
    expect(allowed).toBe(1_000);
    expect([one.store(), two.store()]).toEqual(['redis', 'redis']);
  });
});

describe('when Redis is unreachable', () => {
  it('refused connections: answers from memory, still limited, one warning', async () => {
    const warn = vi.spyOn(log, 'warn');
    const rl = limiter('redis://127.0.0.1:1');
    const k = key();
    const decisions = await hits(rl, k, 4, { limit: 3, windowSec: 60 });
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false]);
    expect(rl.store()).toBe('memory');
    const warnings = () => warn.mock.calls.filter(([, message]) => String(message).includes('Redis is unreachable')).length;
    await vi.waitFor(() => expect(warnings()).toBe(1), { timeout: 5_000 });
    // ioredis keeps retrying (every 200 ms, then up to 2 s): each failed retry is an error event, still one warning.
    await vi.waitFor(() => expect(rl.store()).toBe('memory'));
    expect((await rl.hit(k, { limit: 3, windowSec: 60 })).allowed).toBe(false);
    expect(warnings()).toBe(1);
  });

  describe('a server that accepts connections and never answers', () => {
    let server: Server;
    const sockets = new Set<Socket>();
    afterAll(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    });

    it('each call is bounded and answered from memory, still limited', async () => {
      server = createServer((socket) => void sockets.add(socket));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as { port: number };
      const rl = limiter(`redis://127.0.0.1:${port}`);
      const k = key();
      const started = performance.now();
      const decisions = await hits(rl, k, 4, { limit: 3, windowSec: 60 });
      // Generous bound: a command waits 250 ms at most, and after one failure Redis is not asked for 5 s.
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false]);
      expect(rl.store()).toBe('memory');
    });
  });
});
