import { createPublicKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { getConfig } from '@/lib/config';
import { log } from '@/lib/logger';

/**
 * GitHub's secret-scanning public keys, fetched from SECRET_SCANNING_KEYS_URL and kept for 10
 * minutes, so a key GitHub stops publishing (rotated out) is refused within 10 minutes. An
 * identifier not among them makes one refetch (GitHub added a key), at most once a minute: made-up
 * identifiers cannot make us hammer GitHub, whose unauthenticated API allows 60 calls an hour. When
 * a fetch fails the copy we have is used (and logged); with no copy at all, reports cannot be
 * checked (503, and GitHub retries).
 */
export type GithubPublicKeys = {
  /** The key for this identifier, or null when GitHub does not publish one. Throws PublicKeysUnavailable. */
  find(identifier: string): Promise<KeyObject | null>;
};

export class PublicKeysUnavailable extends Error {
  constructor() {
    super('GitHub’s secret-scanning public keys could not be fetched');
    this.name = 'PublicKeysUnavailable';
  }
}

export const PUBLIC_KEYS_TTL_MS = 10 * 60_000;
export const PUBLIC_KEYS_REFETCH_GAP_MS = 60_000;
const FETCH_TIMEOUT_MS = 5_000;

const publicKeysSchema = z.object({
  public_keys: z.array(z.object({ key_identifier: z.string().min(1), key: z.string().min(1) })),
});

type Options = {
  url: string;
  fetch?: typeof fetch;
  /** The clock, for tests. */
  now?: () => number;
  ttlMs?: number;
  refetchGapMs?: number;
};

export function createGithubPublicKeys({ url, fetch: fetchKeys = fetch, now = Date.now, ttlMs = PUBLIC_KEYS_TTL_MS, refetchGapMs = PUBLIC_KEYS_REFETCH_GAP_MS }: Options): GithubPublicKeys {
  let keys: Map<string, KeyObject> | null = null;
  let fetchedAt = -Infinity;
  let attemptedAt = -Infinity;
  let inFlight: Promise<void> | null = null;

  async function load(): Promise<void> {
    attemptedAt = now();
    const response = await fetchKeys(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`the public keys endpoint answered ${response.status}`);
    const { public_keys: published } = publicKeysSchema.parse(await response.json());
    const next = new Map<string, KeyObject>();
    for (const { key_identifier: identifier, key } of published) {
      try {
        next.set(identifier, createPublicKey(key));
      } catch {
        log.warn({ identifier }, 'secret scanning: a published public key does not parse; skipped');
      }
    }
    keys = next;
    fetchedAt = now();
  }

  /** One fetch at a time; a failure keeps the copy we have. */
  function refresh(): Promise<void> {
    inFlight ??= load()
      .catch((error: unknown) => {
        log.warn({ err: error, url, stale: keys !== null }, 'secret scanning: could not fetch GitHub’s public keys');
      })
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  }

  const mayFetch = () => now() - attemptedAt >= refetchGapMs;

  return {
    async find(identifier) {
      // A fetch under way may bring this very key: wait for it rather than refuse.
      if (inFlight) await inFlight;
      if ((keys === null || now() - fetchedAt >= ttlMs) && mayFetch()) await refresh();
      if (keys === null) throw new PublicKeysUnavailable();
      if (!keys.has(identifier) && mayFetch()) await refresh();
      return keys.get(identifier) ?? null;
    },
  };
}

let processKeys: GithubPublicKeys | undefined;

/** The process's copy (a second copy in another module graph would only fetch once more). */
export function githubPublicKeys(): GithubPublicKeys {
  processKeys ??= createGithubPublicKeys({ url: getConfig().SECRET_SCANNING_KEYS_URL });
  return processKeys;
}
