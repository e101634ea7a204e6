import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, getDb } from '@/db/index';
import type { SessionUser } from '@/db/queries/users';
import { apiKeys } from '@/db/schema';
import { createTestKey, versionOf } from '@/lib/api-keys/__fixtures__/test-keys';
import { stopApiKeyInvalidation } from '@/lib/api-keys/key-invalidation';
import { changeKeyStatus, deleteKey, editKey, rotateKey } from '@/lib/api-keys/manage-api-key';
import { rateLimitFormFields } from '@/lib/api-keys/rate-limit-policy';
import { addTestAdmin, createTestCommunity } from '@/test/db';
import { calls, mailOf, usageRows, writeBatch } from './__fixtures__/calls';

let community: Awaited<ReturnType<typeof createTestCommunity>>;
let second: SessionUser;

beforeAll(async () => {
  community = await createTestCommunity();
  // Another admin of the same community makes the changes: the notice names them.
  second = await addTestAdmin(community);
});
afterAll(async () => {
  await stopApiKeyInvalidation();
  await closeDatabase();
});

const newKey = (notifyOnUse = false) => createTestKey({ communityId: community.communityId, createdById: community.admin.id, notifyOnUse });
const by = () => ({ user: second, ip: '192.0.2.44' });

describe('security notices for admin changes', () => {
  it('tells the admin responsible for the key who disabled, rotated and deleted it, whatever the toggle says', async () => {
    const key = await newKey(false);
    expect(await changeKeyStatus(key.id, 'disabled', by())).toMatchObject({ ok: true });
    expect(await changeKeyStatus(key.id, 'enabled', by())).toMatchObject({ ok: true });
    expect(await rotateKey({ id: key.id, version: await versionOf(key.id), grace: '24h' }, by())).toMatchObject({ ok: true });
    expect(await deleteKey({ id: key.id, confirmName: key.name }, by())).toMatchObject({ ok: true });

    const mail = await mailOf(key.id);
    expect(mail.map((m) => m.kind)).toEqual(['key_disabled', 'key_rotated', 'key_deleted']);
    for (const message of mail) {
      expect(message.toAddress).toBe(community.admin.email);
      expect(message.subject).toMatch(/^Security notice: /);
      expect(message.textBody).toContain(second.name);
      expect(message.textBody).toContain(second.email);
      expect(message.textBody).toContain('192.0.2.44');
    }
    expect(mail[0].subject).toContain('disabled');
    expect(mail[1].textBody).toContain(key.hint);
    expect(mail[2].subject).toContain('deleted');
  });

  it('a failed change sends nothing', async () => {
    const key = await newKey();
    expect((await deleteKey({ id: key.id, confirmName: 'not the name' }, by())).ok).toBeFalsy();
    expect(await mailOf(key.id)).toEqual([]);
  });
});

describe('the toggle on the edit form', () => {
  const edit = async (key: { id: string; name: string }, notifyOnUse: boolean, user = community.admin) => {
    const [current] = await getDb().select().from(apiKeys).where(eq(apiKeys.id, key.id));
    const saved = await editKey(
      { id: key.id, version: current.updatedAt.toISOString(), name: key.name, description: '', ipLimits: '', notifyOnUse, permissions: current.permissions, expiry: 'keep', expiresOn: '', ...rateLimitFormFields(current.rateLimit) },
      { user, ip: null },
    );
    expect(saved).toMatchObject({ ok: true });
  };

  it('turning notifications off stops further notices; turning them on sends them to whoever did it', async () => {
    const key = { ...(await newKey(true)), communityId: community.communityId };
    await writeBatch(usageRows(key, calls(2, { ip: '198.51.100.1' })));
    await edit(key, false);
    await writeBatch(usageRows(key, [{ ip: '198.51.100.2' }]));
    expect((await mailOf(key.id)).map((m) => m.kind)).toEqual(['first_use']);

    await edit(key, true, second);
    await writeBatch(usageRows(key, [{ ip: '198.51.100.3' }]));
    const mail = await mailOf(key.id);
    expect(mail.map((m) => m.kind)).toEqual(['first_use', 'new_ip']);
    expect(mail[1].toAddress).toBe(second.email);
    expect(mail[1].textBody).toContain('198.51.100.3');
  });
});
