import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { closeDatabase, getDb } from '@/db/index';
import { countRequestsByKey } from '@/db/queries/api-requests';
import { apiRequests } from '@/db/schema';
import { createTestCommunity } from '@/test/db';
import { createUsageKey, usageRecord } from './__fixtures__/usage';
import { normalizeUsageRecord, type UsageRecord } from './usage-record';
import { writeUsageBatch } from './usage-writer';

let community: Awaited<ReturnType<typeof createTestCommunity>>;
beforeAll(async () => {
  community = await createTestCommunity();
});
afterAll(() => closeDatabase());

const createKey = () => createUsageKey(community);
const usage = (apiKeyId: string, overrides: Partial<UsageRecord> = {}) => usageRecord(community.communityId, apiKeyId, overrides);
const count = (apiKeyId: string) => countRequestsByKey({ apiKeyId });

/** What one write of a batch stores: the recorder's buffering and retries are usage-recorder.test.ts. */
describe('writing a usage batch', () => {
  it('inserts a batch written twice only once', async () => {
    const keyId = await createKey();
    const rows = Array.from({ length: 20 }, () => normalizeUsageRecord(usage(keyId)));
    await writeUsageBatch(rows);
    await writeUsageBatch(rows);
    expect(await count(keyId)).toBe(20);
  });

  it('stores text exactly as sent (quotes, braces, backslashes, the word NULL, unicode), and nulls as nulls', async () => {
    const keyId = await createKey();
    const awkward = ['NULL', 'null', '', '"quoted", {braced}', 'back\\slash \\"', 'tab\tnew\nline', 'ünïcødé 🚀', ' spaced ', 'lone \uD800 surrogate'];
    const rows = awkward.map((text) => normalizeUsageRecord(usage(keyId, { userAgent: text, integrationName: text })));
    rows.push(normalizeUsageRecord(usage(keyId, { userAgent: null, integrationName: null, ip: null })));
    await writeUsageBatch(rows);
    const stored = await getDb().select().from(apiRequests).where(eq(apiRequests.apiKeyId, keyId));
    const byRequest = new Map(stored.map((row) => [row.requestId, row]));
    for (const row of rows) {
      const saved = byRequest.get(row.requestId)!;
      expect(saved.userAgent).toBe(row.userAgent);
      expect(saved.integrationName).toBe(row.integrationName);
      expect(saved.ip).toBe(row.ip);
      expect(saved.at.getTime()).toBe(row.at.getTime());
      expect(saved.status).toBe(row.status);
      expect(saved.latencyMs).toBe(row.latencyMs);
    }
  });

  it('writes a batch larger than one statement could carry as a parameter per value', async () => {
    const keyId = await createKey();
    // 6 000 rows × 12 columns would exceed the protocol's 65 535 parameters in one statement.
    const rows = Array.from({ length: 6_000 }, () => normalizeUsageRecord(usage(keyId)));
    await writeUsageBatch(rows);
    expect(await count(keyId)).toBe(6_000);
  });
});
