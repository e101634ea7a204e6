import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGithubKeys, type FakeGithubKeys } from '@/test/fake-github-keys';
import { createGithubPublicKeys, PUBLIC_KEYS_REFETCH_GAP_MS, PUBLIC_KEYS_TTL_MS, PublicKeysUnavailable } from './github-public-keys';
import { verifySignature } from './verify-signature';

let fake: FakeGithubKeys;
beforeAll(async () => {
  fake = await startFakeGithubKeys();
});
afterAll(() => fake.stop());

/** A cache on a clock the test moves. */
function cache(url = fake.url) {
  const clock = { at: 1_000_000 };
  const keys = createGithubPublicKeys({ url, now: () => clock.at });
  return { keys, clock };
}

describe('GitHub’s secret-scanning public keys', () => {
  it('fetches once, then answers from the cache; the key it gives checks the signer’s signatures', async () => {
    const signer = fake.addSigner();
    const { keys } = cache();
    const before = fake.fetches;
    const key = await keys.find(signer.identifier);
    expect(key).not.toBeNull();
    expect(verifySignature({ body: Buffer.from('[]'), signature: signer.sign('[]'), key: key! })).toBe(true);
    await keys.find(signer.identifier);
    await Promise.all([keys.find(signer.identifier), keys.find(signer.identifier)]);
    expect(fake.fetches - before).toBe(1);
  });

  it('refetches once for an identifier it does not know (GitHub added a key), at most once a minute', async () => {
    const first = fake.addSigner();
    const { keys, clock } = cache();
    await keys.find(first.identifier);
    const added = fake.addSigner();
    const before = fake.fetches;
    // Just fetched: a new identifier waits for the gap, so made-up ones cannot make us hammer GitHub.
    expect(await keys.find(added.identifier)).toBeNull();
    expect(fake.fetches).toBe(before);
    clock.at += PUBLIC_KEYS_REFETCH_GAP_MS;
    expect(await keys.find(added.identifier)).not.toBeNull();
    expect(fake.fetches).toBe(before + 1);
    expect(await keys.find('0'.repeat(64))).toBeNull();
    expect(fake.fetches).toBe(before + 1);
  });

  it('forgets a key GitHub stopped publishing once the cached copy is 10 minutes old', async () => {
    const rotated = fake.addSigner();
    const { keys, clock } = cache();
    expect(await keys.find(rotated.identifier)).not.toBeNull();
    fake.unpublish(rotated);
    clock.at += PUBLIC_KEYS_TTL_MS;
    expect(await keys.find(rotated.identifier)).toBeNull();
  });

  it('uses the copy it has while the endpoint fails, and says so when it has none', async () => {
    const signer = fake.addSigner();
    const { keys, clock } = cache();
    await keys.find(signer.identifier);
    fake.setFailing(true);
    try {
      clock.at += PUBLIC_KEYS_TTL_MS;
      expect(await keys.find(signer.identifier)).not.toBeNull();
      await expect(cache().keys.find(signer.identifier)).rejects.toBeInstanceOf(PublicKeysUnavailable);
    } finally {
      fake.setFailing(false);
    }
  });

  it('has no copy when the endpoint cannot be reached or answers something else', async () => {
    await expect(cache('http://127.0.0.1:1/keys').keys.find('x')).rejects.toBeInstanceOf(PublicKeysUnavailable);
    const notKeys = createGithubPublicKeys({ url: 'http://x.test', fetch: async () => Response.json({ keys: [] }) });
    await expect(notKeys.find('x')).rejects.toBeInstanceOf(PublicKeysUnavailable);
  });

  it('skips a published key that does not parse and keeps the others', async () => {
    const signer = fake.addSigner({ publish: false });
    const published = { public_keys: [{ key_identifier: 'broken', key: 'not a key' }, { key_identifier: signer.identifier, key: signer.publicKey }] };
    const keys = createGithubPublicKeys({ url: 'http://x.test', fetch: async () => Response.json(published) });
    expect(await keys.find('broken')).toBeNull();
    expect(await keys.find(signer.identifier)).not.toBeNull();
  });
});
