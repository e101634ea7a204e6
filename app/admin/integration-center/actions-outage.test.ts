import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { closeDatabase, getDb } from '@/db/index';
import { apiKeys, communities } from '@/db/schema';
import type { SessionUser } from '@/db/queries/users';
import { createTestKey, setTestKeyStatus, versionOf } from '@/lib/api-keys/__fixtures__/test-keys';
import { stopApiKeyInvalidation } from '@/lib/api-keys/key-invalidation';
import { everywhere, NEW_KEY_PERMISSIONS } from '@/lib/api-keys/permissions';
import { rateLimitFormFields } from '@/lib/api-keys/rate-limit-policy';
import { createTestCommunity } from '@/test/db';
import { whileDatabaseUnreachable } from '@/test/outage';

const session = vi.hoisted(() => ({ userId: null as string | null, readBefore: null as SessionUser | null }));
// Only the session cookie is faked (who is signed in); who that is, is read from the database as in
// production, unless a test says it was read before the outage began (`readBefore`).
vi.mock('@/lib/session', async () => {
  const { findSessionUser } = await import('@/db/queries/users');
  return { currentUser: async () => session.readBefore ?? (session.userId ? findSessionUser({ id: session.userId }) : null) };
});
vi.mock('next/headers', () => ({ headers: async () => new Headers() }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

const keyActions = await import('./api-keys/[id]/actions');
const { createApiKeyAction } = await import('./api-keys/new/actions');
const { changeLeakedKeyPolicyAction } = await import('./actions');

let home: Awaited<ReturnType<typeof createTestCommunity>>;
beforeAll(async () => {
  home = await createTestCommunity();
  session.userId = home.admin.id;
});
afterAll(async () => {
  await stopApiKeyInvalidation();
  await closeDatabase();
});

const keyRow = async (id: string) => (await getDb().select().from(apiKeys).where(eq(apiKeys.id, id)))[0];
const newKey = () => createTestKey({ communityId: home.communityId, createdById: home.admin.id });
const unreachable = (stillSo: string) => `The database is unreachable: ${stillSo}. Try again in a moment.`;

describe('admin actions while the database is unreachable', () => {
  it.each<[string, () => Promise<{ run: () => Promise<{ message?: string }>; unchanged: () => Promise<unknown> }>, string]>([
    [
      'Disable',
      async () => {
        const key = await newKey();
        return { run: () => keyActions.disableApiKeyAction({ id: key.id }), unchanged: async () => expect((await keyRow(key.id)).status).toBe('enabled') };
      },
      'the key is still enabled',
    ],
    [
      'Enable',
      async () => {
        const key = await newKey();
        await setTestKeyStatus(key, 'disabled', home.admin);
        return { run: () => keyActions.enableApiKeyAction({ id: key.id }), unchanged: async () => expect((await keyRow(key.id)).status).toBe('disabled') };
      },
      'the key is still disabled',
    ],
    [
      'Rotate',
      async () => {
        const key = await newKey();
        const version = await versionOf(key.id);
        return {
          run: () => keyActions.rotateApiKeyAction({ id: key.id, version, grace: 'none' }),
          unchanged: async () => expect((await keyRow(key.id)).hash).toBe(key.hash),
        };
      },
      'the key was not rotated, and its current secret still works',
    ],
    [
      'Delete',
      async () => {
        const key = await newKey();
        return {
          run: () => keyActions.deleteApiKeyAction({ id: key.id, confirmName: key.name }),
          unchanged: async () => expect((await keyRow(key.id)).deletedAt).toBeNull(),
        };
      },
      'the key still exists',
    ],
    [
      'Save changes',
      async () => {
        const key = await newKey();
        const edit = { id: key.id, version: await versionOf(key.id), name: 'Renamed', description: '', ipLimits: '', notifyOnUse: false, permissions: everywhere('write'), expiry: 'keep', expiresOn: '', ...rateLimitFormFields(null) };
        return { run: () => keyActions.editApiKeyAction(edit), unchanged: async () => expect((await keyRow(key.id)).name).toBe(key.name) };
      },
      'nothing was saved',
    ],
    [
      'Create an API Key',
      async () => ({
        run: () => createApiKeyAction({ name: 'Made during the outage', description: '', prefix: '', ipLimits: '', notifyOnUse: false, permissions: NEW_KEY_PERMISSIONS }),
        unchanged: async () => expect(await getDb().select().from(apiKeys).where(eq(apiKeys.name, 'Made during the outage'))).toEqual([]),
      }),
      'no key was created',
    ],
    [
      'When a key is reported leaked',
      async () => ({
        run: () => changeLeakedKeyPolicyAction({ policy: 'notify' }),
        unchanged: async () => expect((await getDb().select().from(communities).where(eq(communities.id, home.communityId)))[0].leakedKeyPolicy).toBe('disable'),
      }),
      'nothing was changed',
    ],
  ])('%s says the database is unreachable and what is still so; nothing changes', async (_action, prepare, stillSo) => {
    const { run, unchanged } = await prepare();
    expect(await whileDatabaseUnreachable(run)).toEqual({ message: unreachable(stillSo) });
    await unchanged();
  });

  it('says the same when the database goes away after the session was read, inside the change', async () => {
    const key = await newKey();
    session.readBefore = home.admin;
    try {
      expect(await whileDatabaseUnreachable(() => keyActions.disableApiKeyAction({ id: key.id }))).toEqual({ message: unreachable('the key is still enabled') });
    } finally {
      session.readBefore = null;
    }
    expect((await keyRow(key.id)).status).toBe('enabled');
  });
});

describe('text the database cannot store, in a form', () => {
  it('is a field error naming the field, before anything reaches the database', async () => {
    const result = await createApiKeyAction({ name: 'a\0b', description: 'x\uD800', prefix: '', ipLimits: '', notifyOnUse: false, permissions: NEW_KEY_PERMISSIONS });
    expect(result.errors).toEqual({ name: [expect.stringMatching(/^name contains a NUL/)], description: [expect.stringMatching(/^description contains an unpaired surrogate/)] });
  });
});
