import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { closeDatabase, getDb } from '@/db/index';
import { users } from '@/db/schema';
import { hashPassword, verifyPassword } from '@/lib/password';
import { processState } from '@/lib/process-state';
import { createRateLimiter } from '@/lib/rate-limit/limiter';
import { markStampedByServer } from '@/lib/request-stamp';
import { NO_ANSWER } from '@/lib/form-state';
import { createTestCommunity } from '@/test/db';
import { whileDatabaseUnreachable } from '@/test/outage';

const request = vi.hoisted(() => ({ ip: '203.0.113.20' }));
// The session boundary, as next-auth wires it: signIn() runs the provider's authorize() with the
// request's headers, turns a null user into CredentialsSignin, and wraps anything else authorize()
// throws in CallbackRouteError. Everything below it is real.
vi.mock('@/lib/session', async () => {
  const { CredentialsSignin } = await import('next-auth');
  const { CallbackRouteError } = await import('@auth/core/errors');
  const { authorizeCredentials } = await import('@/lib/credentials');
  const { clientIpFrom } = await import('@/lib/request-stamp');
  const { headers } = await import('next/headers');
  return {
    async signIn(_provider: string, { email, password }: Record<string, unknown>) {
      let user;
      try {
        user = await authorizeCredentials({ email, password }, clientIpFrom(await headers()));
      } catch (error) {
        // At runtime it takes the thrown error (kept as `cause.err`); its published type says string.
        throw error instanceof CredentialsSignin ? error : new CallbackRouteError(error as unknown as string);
      }
      if (!user) throw new CredentialsSignin();
    },
  };
});
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-forwarded-for': request.ip }) }));
vi.mock('next/navigation', () => ({
  redirect: (url: string) => {
    throw Object.assign(new Error('NEXT_REDIRECT'), { redirectedTo: url });
  },
}));
// Spied, not replaced: every call still computes the real scrypt.
vi.mock('@/lib/password', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/password')>();
  return { ...actual, verifyPassword: vi.fn(actual.verifyPassword) };
});

const { signInAction } = await import('./actions');

const WRONG = 'That e-mail and password do not match an account.';
const THROTTLED = /^Too many sign-in attempts\. Try again in (\d+) minutes?\.$/;
const RIGHT_PASSWORD = 'the-right-password';
// A slot boundary of both windows, so the expected wait is exact.
const START = new Date('2031-03-09T07:00:00Z');
const MINUTE = 60_000;

let email: string;
let memberEmail: string;
let ip = 0;

beforeAll(async () => {
  markStampedByServer(); // as server.ts does: it alone sets X-Forwarded-For
  // The in-process store even when REDIS_URL is set: these tests move the clock, and the limiter's
  // Redis fallback (a cold connection counts in memory for 5 s of Date time) would split the counts.
  processState().rateLimiter = createRateLimiter({ keyPrefix: 'sign-in-action-test' });
  const community = await createTestCommunity();
  email = community.admin.email;
  memberEmail = community.member.email;
  const passwordHash = await hashPassword(RIGHT_PASSWORD);
  for (const user of [community.admin, community.member]) await getDb().update(users).set({ passwordHash }).where(eq(users.id, user.id));
});
beforeEach(() => {
  request.ip = `203.0.113.${++ip}`; // every test its own client
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(START);
  vi.mocked(verifyPassword).mockClear();
});
afterEach(() => vi.useRealTimers());
afterAll(() => closeDatabase());

const attempt = (password: string, as = email) => signInAction(NO_ANSWER, { email: as, password, callbackUrl: '/admin' });
const minutesIn = (message: string | undefined) => Number(THROTTLED.exec(message ?? '')?.[1]);

describe('signInAction throttling', () => {
  it('refuses after 5 wrong passwords, then refuses the right one without hashing until the wait is over', async () => {
    const messages: (string | undefined)[] = [];
    for (let i = 0; i < 50; i++) messages.push((await attempt(`wrong-${i}`)).message);

    expect(messages.slice(0, 5)).toEqual(Array(5).fill(WRONG));
    const throttled = messages.slice(5);
    expect(throttled.every((message) => THROTTLED.test(message ?? ''))).toBe(true);
    expect(vi.mocked(verifyPassword)).toHaveBeenCalledTimes(5);

    const waitMinutes = minutesIn(throttled[0]);
    // 5 failures at the start of a 15-minute slot: a strict window counts them in full until the
    // next slot has ended too, so no 15-minute span ever holds a sixth.
    expect(waitMinutes).toBe(30);
    expect(messages[5]).toBe('Too many sign-in attempts. Try again in 30 minutes.');

    // The right password is refused too, and costs no hash.
    expect((await attempt(RIGHT_PASSWORD)).message).toMatch(THROTTLED);
    vi.setSystemTime(START.getTime() + (waitMinutes - 1) * MINUTE);
    const later = await attempt(RIGHT_PASSWORD);
    expect(minutesIn(later.message)).toBe(1);
    expect(later.message).toBe('Too many sign-in attempts. Try again in 1 minute.');
    expect(vi.mocked(verifyPassword)).toHaveBeenCalledTimes(5);

    // Once the wait is over, the right password signs in.
    vi.setSystemTime(START.getTime() + waitMinutes * MINUTE);
    await expect(attempt(RIGHT_PASSWORD)).rejects.toMatchObject({ redirectedTo: '/admin' });
    expect(vi.mocked(verifyPassword)).toHaveBeenCalledTimes(6);
  });

  it('clears the account count after a successful sign-in', async () => {
    for (let i = 0; i < 4; i++) expect((await attempt('wrong')).message).toBe(WRONG);
    await expect(attempt(RIGHT_PASSWORD)).rejects.toMatchObject({ redirectedTo: '/admin' });
    // Without the clear, the 2nd of these would be throttled.
    for (let i = 0; i < 5; i++) expect((await attempt('wrong')).message).toBe(WRONG);
    expect((await attempt(RIGHT_PASSWORD)).message).toMatch(THROTTLED);
  });

  it('answers an unknown e-mail exactly as a known one, hashing only while not throttled', async () => {
    const unknown = `nobody-${ip}@example.test`;
    const known: (string | undefined)[] = [];
    const made: (string | undefined)[] = [];
    for (let i = 0; i < 6; i++) known.push((await attempt('wrong')).message);
    for (let i = 0; i < 6; i++) made.push((await attempt('wrong', unknown)).message);
    expect(made).toEqual(known);
    expect(made.at(-1)).toMatch(THROTTLED);
    // 5 hashes each (the dummy hash for the unknown e-mail), none for either throttled attempt.
    expect(vi.mocked(verifyPassword)).toHaveBeenCalledTimes(10);
  });

  it('throttles a client IP after 100 failures over many e-mails, whichever e-mail comes next', async () => {
    for (let i = 0; i < 100; i++) expect((await attempt('wrong', `spray-${ip}-${i}@example.test`)).message).toBe(WRONG);
    // 100 failures at the start of the hour: counted in full until the next hour has ended too.
    expect((await attempt(RIGHT_PASSWORD)).message).toBe('Too many sign-in attempts. Try again in 120 minutes.');
  }, 60_000);
});

describe('signInAction while the database is unreachable', () => {
  it('says so, not that the password is wrong', async () => {
    const answer = await whileDatabaseUnreachable(() => attempt(RIGHT_PASSWORD));
    expect(answer).toEqual({ message: 'The database is unreachable: you are not signed in. Try again in a moment.' });
  });
});

/** The sign-in form as the browser posts it before the page's JavaScript runs. */
function posted(fields: Record<string, string>): FormData {
  const form = new FormData();
  form.append('$ACTION_REF_1', '');
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return form;
}

describe('signInAction posted without JavaScript', () => {
  it('signs in and goes back to the page asked for', async () => {
    await expect(signInAction(NO_ANSWER, posted({ email, password: RIGHT_PASSWORD, callbackUrl: '/admin/integration-center' }))).rejects.toMatchObject({
      redirectedTo: '/admin/integration-center',
    });
  });

  it('answers a wrong password with the message and the e-mail to fill in again, never the password', async () => {
    const answer = await signInAction(NO_ANSWER, posted({ email, password: 'wrong-password', callbackUrl: '/admin' }));
    expect(answer).toEqual({ message: WRONG, submitted: { email, callbackUrl: '/admin' } });
  });

  it('checks the fields with the form’s schema', async () => {
    const answer = await signInAction(NO_ANSWER, posted({ email: 'not-an-address', password: '' }));
    expect(answer.errors).toEqual({ email: ['Enter your e-mail address'], password: ['Enter your password'] });
    expect(answer.submitted).toEqual({ email: 'not-an-address' });
    expect(vi.mocked(verifyPassword)).not.toHaveBeenCalled();
  });
});

describe('where signing in leads', () => {
  it('a member who followed a link to an admin page lands on home, not the 403 page; an admin on the page', async () => {
    const to = { callbackUrl: '/admin/integration-center/api-keys' };
    await expect(signInAction(NO_ANSWER, { email: memberEmail, password: RIGHT_PASSWORD, ...to })).rejects.toMatchObject({ redirectedTo: '/' });
    await expect(signInAction(NO_ANSWER, { email, password: RIGHT_PASSWORD, ...to })).rejects.toMatchObject({ redirectedTo: to.callbackUrl });
  });
});
