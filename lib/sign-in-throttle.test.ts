import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { processState } from './process-state';
import { createRateLimiter } from './rate-limit/limiter';
import { checkSignIn, clearSignIn, recordFailedSignIn, signInThrottledMessage, SIGN_IN_LIMITS } from './sign-in-throttle';

// The in-process store, whatever REDIS_URL says: these tests are about the rule, not Redis.
beforeAll(() => {
  processState().rateLimiter = createRateLimiter({ keyPrefix: `test-${randomUUID().slice(0, 8)}` });
});

// Every test its own client, so counts never leak between tests.
let next = 0;
const freshIp = () => `198.51.${100 + (next >> 8)}.${next++ & 255}`;
const freshEmail = () => `someone-${randomUUID().slice(0, 8)}@example.test`;

async function fail(attempt: { email: string; ip: string | null }, times: number) {
  for (let i = 0; i < times; i++) await recordFailedSignIn(attempt);
}

describe('sign-in throttle', () => {
  it('allows 5 failed attempts per account and IP, then throttles the 6th for about the window', async () => {
    const attempt = { email: freshEmail(), ip: freshIp() };
    for (let i = 0; i < SIGN_IN_LIMITS.account.limit; i++) {
      expect(await checkSignIn(attempt)).toEqual({ throttled: false });
      await recordFailedSignIn(attempt);
    }
    const throttle = await checkSignIn(attempt);
    expect(throttle.throttled).toBe(true);
    if (!throttle.throttled) return;
    expect(throttle.retryAfterMinutes).toBeGreaterThanOrEqual(1);
    // A full account window at most one slot later (the sliding window's worst case).
    expect(throttle.retryAfterMinutes).toBeLessThanOrEqual(2 * 15);
  });

  it('keeps other accounts from the same IP, and the same account from another IP, open', async () => {
    const attempt = { email: freshEmail(), ip: freshIp() };
    await fail(attempt, 5);
    expect((await checkSignIn(attempt)).throttled).toBe(true);
    expect(await checkSignIn({ email: freshEmail(), ip: attempt.ip })).toEqual({ throttled: false });
    expect(await checkSignIn({ email: attempt.email, ip: freshIp() })).toEqual({ throttled: false });
  });

  it('throttles an IP after 100 failures spread over accounts, for every account', async () => {
    const ip = freshIp();
    for (let i = 0; i < SIGN_IN_LIMITS.ip.limit; i++) {
      const attempt = { email: freshEmail(), ip };
      expect((await checkSignIn(attempt)).throttled).toBe(false);
      await recordFailedSignIn(attempt);
    }
    const never = { email: freshEmail(), ip };
    expect(await checkSignIn(never)).toMatchObject({ throttled: true });
    // Other clients are not affected.
    expect(await checkSignIn({ email: never.email, ip: freshIp() })).toEqual({ throttled: false });
  });

  it('clears the account count on success, but not the IP count', async () => {
    const ip = freshIp();
    const attempt = { email: freshEmail(), ip };
    await fail(attempt, 4);
    await clearSignIn(attempt);
    await fail(attempt, 4);
    expect(await checkSignIn(attempt)).toEqual({ throttled: false });
    await fail(attempt, 1);
    expect((await checkSignIn(attempt)).throttled).toBe(true);

    // 91 more failures from other accounts: the IP's 9 + 91 reach 100; clearing the account does not help.
    for (let i = 0; i < 91; i++) await recordFailedSignIn({ email: freshEmail(), ip });
    await clearSignIn(attempt);
    expect((await checkSignIn(attempt)).throttled).toBe(true);
  });

  it('counts an e-mail the same whatever its case and surrounding spaces', async () => {
    const ip = freshIp();
    const email = freshEmail();
    await fail({ email: `  ${email.toUpperCase()} `, ip }, 3);
    await fail({ email: email.replace('someone', 'SomeOne'), ip }, 2);
    expect((await checkSignIn({ email, ip })).throttled).toBe(true);
    await clearSignIn({ email: ` ${email.toUpperCase()}`, ip });
    expect(await checkSignIn({ email, ip })).toEqual({ throttled: false });
  });

  it('throttles clients with no known IP as one client called unknown', async () => {
    const attempt = { email: freshEmail(), ip: null };
    await fail(attempt, 5);
    expect((await checkSignIn(attempt)).throttled).toBe(true);
    expect((await checkSignIn({ email: attempt.email, ip: 'unknown' })).throttled).toBe(true);
  });

  it('says minutes in words the page shows', () => {
    expect(signInThrottledMessage(15)).toBe('Too many sign-in attempts. Try again in 15 minutes.');
    expect(signInThrottledMessage(1)).toBe('Too many sign-in attempts. Try again in 1 minute.');
  });
});
