import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { closeDatabase, getDb } from '@/db/index';
import { sessions, users } from '@/db/schema';
import { createTestCommunity, migrateOnce } from '@/test/db';
import { endSession, sessionUser, startSession } from './session-store';

// Defaults (lib/config.ts): sessions last 8 hours, 60 idle minutes.
const MINUTE = 60_000;
const START = new Date('2031-05-04T09:00:00Z');

beforeAll(() => migrateOnce());
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(START);
});
afterEach(() => vi.useRealTimers());
afterAll(() => closeDatabase());

const wait = (ms: number) => vi.setSystemTime(Date.now() + ms);
/** What currentUser() finds for a cookie naming this session and user. */
const signedIn = (sessionId: string, userId: string) => sessionUser({ sessionId, userId }).then((user) => user?.id ?? null);
const sessionsOf = async (userId: string) => (await getDb().select().from(sessions).where(eq(sessions.userId, userId))).length;

describe('sessions in the database', () => {
  it('signs a cookie in until its session is signed out, then never again', async () => {
    const { admin } = await createTestCommunity();
    const sessionId = await startSession(admin.id);
    expect(await signedIn(sessionId, admin.id)).toBe(admin.id);

    await endSession(sessionId);
    // A copy of the cookie, kept from before: it still names the session, which is gone.
    expect(await signedIn(sessionId, admin.id)).toBeNull();
  });

  it('signing out of one browser leaves the user’s other browsers signed in', async () => {
    const { admin } = await createTestCommunity();
    const laptop = await startSession(admin.id);
    const phone = await startSession(admin.id);
    await endSession(laptop);
    expect(await signedIn(laptop, admin.id)).toBeNull();
    expect(await signedIn(phone, admin.id)).toBe(admin.id);
  });

  it.each([
    ['a demotion', { role: 'member' as const }],
    ['a password change', { passwordHash: 'a-new-hash' }],
  ])('%s ends every session of that user, and only theirs', async (_, change) => {
    const { admin, member } = await createTestCommunity();
    const laptop = await startSession(admin.id);
    const phone = await startSession(admin.id);
    const others = await startSession(member.id);

    await getDb().update(users).set(change).where(eq(users.id, admin.id));

    expect(await signedIn(laptop, admin.id)).toBeNull();
    expect(await signedIn(phone, admin.id)).toBeNull();
    expect(await signedIn(others, member.id)).toBe(member.id);
  });

  it('a change to anything else (the name) keeps the sessions', async () => {
    const { admin } = await createTestCommunity();
    const sessionId = await startSession(admin.id);
    await getDb().update(users).set({ name: 'Renamed' }).where(eq(users.id, admin.id));
    expect(await signedIn(sessionId, admin.id)).toBe(admin.id);
  });

  it('ends a session idle for SESSION_IDLE_MINUTES; requests keep it alive until SESSION_MAX_AGE_HOURS', async () => {
    const { admin } = await createTestCommunity();
    const idle = await startSession(admin.id);
    const busy = await startSession(admin.id);
    // A request every 50 minutes: the busy one lasts, the other was left at sign-in.
    for (let hour = 0; hour < 7; hour++) {
      wait(50 * MINUTE);
      expect(await signedIn(busy, admin.id), `after ${(hour + 1) * 50} minutes`).toBe(admin.id);
    }
    expect(await signedIn(idle, admin.id)).toBeNull();
    // 8 hours after sign-in the busy one ends too, however recently it was used.
    wait(8 * 60 * MINUTE - 7 * 50 * MINUTE);
    expect(await signedIn(busy, admin.id)).toBeNull();
  });

  it('refuses a cookie naming another user’s session, or no session at all', async () => {
    const { admin, member } = await createTestCommunity();
    const sessionId = await startSession(member.id);
    expect(await signedIn(sessionId, admin.id)).toBeNull();
    expect(await sessionUser({ sessionId: 'not-a-uuid', userId: admin.id })).toBeNull();
    expect(await sessionUser({ sessionId: undefined, userId: admin.id })).toBeNull();
    // A token from before sessions had rows names none: signed out.
    expect(await sessionUser({ sessionId: crypto.randomUUID(), userId: admin.id })).toBeNull();
  });

  it('clears a user’s ended sessions when they sign in again', async () => {
    const { admin } = await createTestCommunity();
    await startSession(admin.id);
    await startSession(admin.id);
    wait(61 * MINUTE);
    await startSession(admin.id);
    expect(await sessionsOf(admin.id)).toBe(1);
  });
});
