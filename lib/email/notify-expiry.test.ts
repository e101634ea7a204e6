import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, getDb } from '@/db/index';
import type { SessionUser } from '@/db/queries/users';
import { expiringKeysDue } from '@/db/queries/expiring-keys';
import { apiKeys } from '@/db/schema';
import { createTestKey, setTestKeyStatus } from '@/lib/api-keys/__fixtures__/test-keys';
import { stopApiKeyInvalidation } from '@/lib/api-keys/key-invalidation';
import { editKey } from '@/lib/api-keys/manage-api-key';
import { formatUtc } from '@/lib/format';
import { rateLimitFormFields } from '@/lib/api-keys/rate-limit-policy';
import { addTestAdmin, createTestCommunity } from '@/test/db';
import { mailOf } from './__fixtures__/calls';
import { queueExpiryNotices } from './notify-expiry';

const DAY = 86_400_000;
let community: Awaited<ReturnType<typeof createTestCommunity>>;
let second: SessionUser;

beforeAll(async () => {
  community = await createTestCommunity();
  // Another admin of the same community, who turns notifications on for a key someone else made.
  second = await addTestAdmin(community);
});
afterAll(async () => {
  await stopApiKeyInvalidation();
  await closeDatabase();
});

const keyExpiringIn = (days: number) =>
  createTestKey({ communityId: community.communityId, createdById: community.admin.id, expiresAt: new Date(Date.now() + days * DAY) });
// The job as the notice job runs it, narrowed to this file's community (other files share the database).
const runJob = () => queueExpiryNotices({ communityId: community.communityId });
const kinds = async (keyId: string) => (await mailOf(keyId)).map((mail) => mail.kind);

/** Changes the key on its edit form, as `user`: a custom expiry date, notifications as given. */
async function edit(keyId: string, { expiresOn, notifyOnUse = false, user = community.admin }: { expiresOn: string; notifyOnUse?: boolean; user?: typeof second }) {
  const [current] = await getDb().select().from(apiKeys).where(eq(apiKeys.id, keyId));
  const saved = await editKey(
    {
      id: keyId,
      version: current.updatedAt.toISOString(),
      name: current.name,
      description: '',
      ipLimits: '',
      notifyOnUse,
      permissions: current.permissions,
      expiry: 'custom',
      expiresOn,
      ...rateLimitFormFields(current.rateLimit),
    },
    { user, ip: null },
  );
  expect(saved).toMatchObject({ ok: true });
}
const dayFromNow = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

describe('the expiry reminder', () => {
  it('reminds the key’s creator once of a key expiring in 6 days, however often the job runs', async () => {
    const key = await keyExpiringIn(6);
    await Promise.all([runJob(), runJob()]);
    await runJob();

    const mail = await mailOf(key.id);
    expect(mail.map((m) => [m.kind, m.toAddress])).toEqual([['key_expiring', community.admin.email]]);
    expect(mail[0].subject).toBe(`Security notice: API key “${key.name}” expires in 6 days`);
    expect(mail[0].textBody).toContain(key.hint);
    expect(mail[0].textBody).toContain(`/admin/integration-center/api-keys/${key.id}/edit`);
    for (const part of [mail[0].subject, mail[0].textBody, mail[0].htmlBody]) expect(part).not.toContain(key.key);
  });

  it('says nothing of a key expiring in 20 days, one already expired, or one that never expires', async () => {
    const later = await keyExpiringIn(20);
    const expired = await keyExpiringIn(-1);
    const never = await createTestKey({ communityId: community.communityId, createdById: community.admin.id });
    await runJob();
    for (const key of [later, expired, never]) expect(await kinds(key.id)).toEqual([]);
  });

  it('says nothing of a disabled or deleted key', async () => {
    const disabled = await keyExpiringIn(3);
    const deleted = await keyExpiringIn(3);
    expect(await setTestKeyStatus(disabled, 'disabled', community.admin)).toMatchObject({ ok: true });
    expect(await setTestKeyStatus(deleted, 'deleted', community.admin)).toMatchObject({ ok: true });
    await runJob();
    // Only the status changes' own notices: no reminder.
    expect(await kinds(disabled.id)).toEqual(['key_disabled']);
    expect(await kinds(deleted.id)).toEqual(['key_deleted']);
  });

  it('reminds again of a changed expiry, and sends it to the admin who turned notifications on', async () => {
    const key = await keyExpiringIn(6);
    await runJob();
    await edit(key.id, { expiresOn: dayFromNow(4), notifyOnUse: true, user: second });
    await runJob();
    await runJob();

    const mail = await mailOf(key.id);
    expect(mail.map((m) => [m.kind, m.toAddress])).toEqual([
      ['key_expiring', community.admin.email],
      ['key_expiring', second.email],
    ]);
    const [row] = await getDb().select({ expiresAt: apiKeys.expiresAt }).from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(mail[1].textBody).toMatch(new RegExp(`^Expires:\\s+${formatUtc(row.expiresAt!)}$`, 'm'));
  });

  it('reads the expiring keys through their partial index', async () => {
    const query = expiringKeysDue(getDb(), { days: 7, limit: 100 }).toSQL();
    const plan = await getDb().transaction(async (tx) => {
      // A test table is small enough that a sequential scan wins; the question is only whether the index applies.
      await tx.execute(sql`set local enable_seqscan = off`);
      return tx.execute(sql.raw(`explain ${inline(query.sql, query.params)}`));
    });
    expect(JSON.stringify(plan)).toContain('api_keys_expiring_idx');
  });
});

/** The query with its parameters written in, as EXPLAIN takes no parameters here. */
function inline(text: string, params: unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const value = params[Number(n) - 1];
    return typeof value === 'number' ? String(value) : `'${String(value).replaceAll("'", "''")}'`;
  });
}
