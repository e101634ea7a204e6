import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, inArray } from 'drizzle-orm';
import { closeDatabase, getDb } from '@/db/index';
import { apiKeySeenIps, apiUsageCallers, apiUsageHourly, auditLog, mailOutbox } from '@/db/schema';
import { enqueueMail } from '@/db/queries/mail-outbox';
import { recordSeenIps } from '@/db/queries/seen-ips';
import { createTestCommunity, migrateOnce } from '@/test/db';
import { daysAgo, defaults, newKey, recordRequests, requestTimes, smallRun } from './__fixtures__/old-rows';
import { runRetention, type RetentionRun } from './run-retention';

beforeAll(() => migrateOnce());
afterAll(() => closeDatabase());

const tableOf = (run: RetentionRun, table: string) => (run.status === 'ran' ? run.tables.find((row) => row.table === table) : undefined);

describe('runRetention', () => {
  it('deletes raw usage rows older than USAGE_RETENTION_DAYS over several statements and keeps the newer ones', async () => {
    const community = await createTestCommunity();
    const [jira, slack] = [await newKey(community), await newKey(community)];
    await recordRequests(community, jira.id, [200, 120, 95].map(daysAgo));
    await recordRequests(community, slack.id, [100, 91, 90.01].map(daysAgo));
    await recordRequests(community, jira.id, [89.99, 30, 0].map(daysAgo));

    const run = await runRetention(smallRun(community));

    expect(await requestTimes(community)).toEqual([89.99, 30, 0].map(daysAgo));
    expect(tableOf(run, 'api_requests')).toMatchObject({ deleted: 6, finished: true });
    expect(tableOf(run, 'api_requests')!.batches).toBeGreaterThan(2);
  });

  it('leaves the rest for the next run when its time is up', async () => {
    const community = await createTestCommunity();
    const key = await newKey(community);
    await recordRequests(community, key.id, [300, 200, 100, 99, 98, 97, 96].map(daysAgo));

    const first = await runRetention(smallRun(community, { budgetMs: 0 }));
    expect(tableOf(first, 'api_requests')).toMatchObject({ deleted: 3, batches: 1, finished: false });
    expect(await requestTimes(community)).toHaveLength(4);

    await runRetention(smallRun(community));
    expect(await requestTimes(community)).toEqual([]);
  });

  it('keeps hourly counts and callers for ROLLUP_RETENTION_DAYS, key by key', async () => {
    const community = await createTestCommunity();
    const keys = [await newKey(community), await newKey(community), await newKey(community)];
    const hour = (days: number) => daysAgo(days);
    for (const key of keys) {
      await getDb()
        .insert(apiUsageHourly)
        .values([500, 450, 420, 401, 399, 1].map((days) => ({ apiKeyId: key.id, communityId: community.communityId, hour: hour(days), outcome: 'ok', requests: 1 })));
    }
    const caller = (apiKeyId: string, ip: string, lastSeenDays: number) => ({
      apiKeyId,
      communityId: community.communityId,
      ip,
      firstSeenAt: daysAgo(600),
      lastSeenAt: daysAgo(lastSeenDays),
      lastAllowedAt: daysAgo(lastSeenDays),
      requests: 1,
      denied: 0,
    });
    await getDb().insert(apiUsageCallers).values([caller(keys[0].id, '10.0.0.1', 401), caller(keys[0].id, '10.0.0.2', 399), caller(keys[2].id, '10.0.0.3', 500)]);

    const run = await runRetention(smallRun(community));

    const keyIds = keys.map((key) => key.id);
    const hours = await getDb().select({ hour: apiUsageHourly.hour }).from(apiUsageHourly).where(inArray(apiUsageHourly.apiKeyId, keyIds));
    expect(hours.map((row) => row.hour).sort((a, b) => a.getTime() - b.getTime())).toEqual([399, 399, 399, 1, 1, 1].map(hour));
    expect(tableOf(run, 'api_usage_hourly')).toMatchObject({ deleted: 12, finished: true });
    const callers = await getDb().select({ ip: apiUsageCallers.ip }).from(apiUsageCallers).where(inArray(apiUsageCallers.apiKeyId, keyIds));
    expect(callers).toEqual([{ ip: '10.0.0.2' }]);
  });

  it('forgets addresses a key has not used for USAGE_RETENTION_DAYS, so they count as new again, but an idle key keeps its own', async () => {
    const community = await createTestCommunity();
    const [active, idle] = [await newKey(community), await newKey(community)];
    const seen = async (apiKeyId: string, ip: string, firstSeenDays: number, lastSeenDays: number) => {
      await getDb().insert(apiKeySeenIps).values({ apiKeyId, ip, firstSeenAt: daysAgo(firstSeenDays) });
      const last = daysAgo(lastSeenDays);
      await getDb()
        .insert(apiUsageCallers)
        .values({ apiKeyId, communityId: community.communityId, ip, firstSeenAt: daysAgo(firstSeenDays), lastSeenAt: last, lastAllowedAt: last, requests: 1, denied: 0 });
    };
    await seen(active.id, '10.0.0.1', 200, 1);
    await seen(active.id, '10.0.0.2', 200, 100);
    await seen(active.id, '10.0.0.3', 5, 5);
    await seen(idle.id, '10.0.1.1', 200, 150);
    await seen(idle.id, '10.0.1.2', 300, 290);

    await runRetention(smallRun(community));

    const left = await getDb().select({ ip: apiKeySeenIps.ip }).from(apiKeySeenIps).where(inArray(apiKeySeenIps.apiKeyId, [active.id, idle.id])).orderBy(asc(apiKeySeenIps.ip));
    expect(left.map((row) => row.ip)).toEqual(['10.0.0.1', '10.0.0.3', '10.0.1.1', '10.0.1.2']);
    // What the new-IP notice then sees: the forgotten address is new, and neither key is used for the first time.
    const fresh = await getDb().transaction((tx) =>
      recordSeenIps(tx, [
        { apiKeyId: active.id, ip: '10.0.0.2', at: new Date() },
        { apiKeyId: idle.id, ip: '10.0.1.9', at: new Date() },
      ]),
    );
    expect(fresh.map(({ ip, firstUse }) => ({ ip, firstUse }))).toEqual([
      { ip: '10.0.0.2', firstUse: false },
      { ip: '10.0.1.9', firstUse: false },
    ]);
  });

  it('goes on walking the seen addresses where the last run stopped', async () => {
    const community = await createTestCommunity();
    const active = await newKey(community);
    const last = daysAgo(1);
    await getDb()
      .insert(apiUsageCallers)
      .values({ apiKeyId: active.id, communityId: community.communityId, ip: '10.0.0.1', firstSeenAt: last, lastSeenAt: last, lastAllowedAt: last, requests: 1, denied: 0 });
    const ips = ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5', '10.0.0.6', '10.0.0.7'];
    await getDb()
      .insert(apiKeySeenIps)
      .values(ips.map((ip) => ({ apiKeyId: active.id, ip, firstSeenAt: daysAgo(200) })));
    const left = async () => (await getDb().select({ ip: apiKeySeenIps.ip }).from(apiKeySeenIps).where(eq(apiKeySeenIps.apiKeyId, active.id)).orderBy(asc(apiKeySeenIps.ip))).map((row) => row.ip);

    // Time for one statement per table and run: three addresses a run.
    const progress = { seenIpsAfter: null };
    await runRetention(smallRun(community, { budgetMs: 0, progress }));
    expect(await left()).toEqual(['10.0.0.1', '10.0.0.4', '10.0.0.5', '10.0.0.6', '10.0.0.7']);
    await runRetention(smallRun(community, { budgetMs: 0, progress }));
    expect(await left()).toEqual(['10.0.0.1', '10.0.0.7']);
    await runRetention(smallRun(community, { budgetMs: 0, progress }));
    expect(await left()).toEqual(['10.0.0.1']);
    expect(progress.seenIpsAfter).toBeNull();
  });

  it('deletes sent and failed mail after MAIL_RETENTION_DAYS and never mail still to be sent', async () => {
    const community = await createTestCommunity();
    const mail = async (status: 'pending' | 'sending' | 'sent' | 'failed', days: number) => {
      const dedupeKey = `retention:${randomUUID()}`;
      const subject = `${status} ${days} days ago`;
      await enqueueMail(getDb(), [
        { communityId: community.communityId, apiKeyId: null, kind: 'digest', dedupeKey, recipientId: null, toAddress: community.admin.email, subject, text: subject, html: subject },
      ]);
      const at = daysAgo(days);
      await getDb()
        .update(mailOutbox)
        .set({ status, createdAt: at, sentAt: status === 'sent' ? at : null })
        .where(eq(mailOutbox.dedupeKey, dedupeKey));
    };
    for (const days of [90, 45, 31, 29, 1]) await mail('sent', days);
    for (const days of [60, 29]) await mail('failed', days);
    for (const days of [90, 1]) await mail('pending', days);
    await mail('sending', 90);

    const run = await runRetention(smallRun(community));

    const left = await getDb().select({ subject: mailOutbox.subject }).from(mailOutbox).where(eq(mailOutbox.communityId, community.communityId)).orderBy(asc(mailOutbox.subject));
    expect(left.map((row) => row.subject)).toEqual([
      'failed 29 days ago',
      'pending 1 days ago',
      'pending 90 days ago',
      'sending 90 days ago',
      'sent 1 days ago',
      'sent 29 days ago',
    ]);
    expect(tableOf(run, 'mail_outbox')).toMatchObject({ deleted: 4, finished: true });
  });

  it('keeps the audit log forever unless AUDIT_RETENTION_DAYS is set', async () => {
    const community = await createTestCommunity();
    await getDb()
      .insert(auditLog)
      .values([3650, 400, 31, 29].map((days) => ({ communityId: community.communityId, actorId: community.admin.id, action: `test.${days}`, createdAt: daysAgo(days) })));
    const actions = async () =>
      (await getDb().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.communityId, community.communityId)).orderBy(asc(auditLog.createdAt))).map((row) => row.action);

    const kept = await runRetention(smallRun(community));
    expect(tableOf(kept, 'audit_log')).toBeUndefined();
    expect(await actions()).toEqual(['test.3650', 'test.400', 'test.31', 'test.29']);

    await runRetention(smallRun(community, { settings: { ...defaults, AUDIT_RETENTION_DAYS: 30 } }));
    expect(await actions()).toEqual(['test.29']);
  });
});
