import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { OutcomeFilter } from '@/lib/api-keys/outcomes';
import { decodeLogCursor, type LogPosition } from '@/lib/request-log-cursor';
import { getDb } from '../index';
import { newKey, now, record, recordElsewhere, setUpUsageFixtures, type Scope } from './__fixtures__/usage-rows';
import { requestLog } from './request-log';

setUpUsageFixtures();

describe('requestLog', () => {
  let key: Scope;
  let foreign: Scope;
  let ids: number[];

  beforeAll(async () => {
    key = await newKey();
    ids = await record(key, [
      { at: '2031-03-15T10:00:00Z', integrationName: 'Zapier', userAgent: 'Zapier/1.0', ip: '10.0.0.5' },
      { at: '2031-03-15T10:01:00Z' },
      { at: '2031-03-15T10:02:00Z', outcome: 'ip_not_allowed', ip: '192.0.2.9' },
      { at: '2031-03-15T10:03:00Z' },
      { at: '2031-03-15T10:04:00Z', outcome: 'key_disabled' },
      { at: '2031-03-15T10:05:00Z', outcome: 'validation_failed' },
      { at: '2031-03-15T10:05:00Z' }, // same instant: the later row is newer
    ]);
    foreign = await recordElsewhere(key, [{ at: '2031-03-15T10:06:00Z' }, { at: '2031-03-15T10:07:00Z', outcome: 'ip_not_allowed' }]);
  });

  const log = (filter: OutcomeFilter, position: LogPosition = null, pageSize = 3) => requestLog({ ...key, filter, position, pageSize, now });
  const idsOf = (page: Awaited<ReturnType<typeof log>>) => page.rows.map((row) => row.id);
  const cursor = (encoded: string | null) => decodeLogCursor(encoded)!;

  /** Every page from the newest to the oldest by the Older links, then back by the Newer links. */
  async function walk(filter: OutcomeFilter, pageSize: number) {
    const down: number[][] = [];
    let page = await log(filter, null, pageSize);
    down.push(idsOf(page));
    expect(page.newer).toBeNull();
    while (page.older) {
      page = await log(filter, { before: cursor(page.older) }, pageSize);
      down.push(idsOf(page));
    }
    const up: number[][] = [idsOf(page)];
    while (page.newer) {
      page = await log(filter, { after: cursor(page.newer) }, pageSize);
      up.push(idsOf(page));
    }
    return { down, up: up.reverse() };
  }

  it('lists the newest first, page by page both ways, with the last 30 days’ count', async () => {
    const first = await log('all');
    expect(idsOf(first)).toEqual([ids[6], ids[5], ids[4]]);
    expect(first.recent).toBe(7);
    const second = await log('all', { before: cursor(first.older) });
    expect([idsOf(second), second.newer !== null, second.older !== null]).toEqual([[ids[3], ids[2], ids[1]], true, true]);
    const last = await log('all', { before: cursor(second.older) });
    expect([idsOf(last), last.newer !== null, last.older]).toEqual([[ids[0]], true, null]);
    const back = await log('all', { after: cursor(last.newer) });
    expect(idsOf(back)).toEqual([ids[3], ids[2], ids[1]]);
    // The newest page reached by Newer links has no Newer link of its own.
    const top = await log('all', { after: cursor(back.newer) });
    expect([idsOf(top), top.newer]).toEqual([[ids[6], ids[5], ids[4]], null]);
  });

  it('jumps to the oldest page, which leads back newer and has no older page', async () => {
    const oldest = await log('all', { oldest: true });
    expect([idsOf(oldest), oldest.older, oldest.newer !== null]).toEqual([[ids[2], ids[1], ids[0]], null, true]);
    const newer = await log('all', { after: cursor(oldest.newer) });
    expect(idsOf(newer)).toEqual([ids[5], ids[4], ids[3]]);
    // Within a filter, and with nothing older than the one page there is.
    expect(idsOf(await log('denied', { oldest: true }, 2))).toEqual([ids[4], ids[2]]);
    expect(await log('allowed', { oldest: true }, 10)).toMatchObject({ newer: null, older: null });
  });

  it('returns what the log shows for each request', async () => {
    const { rows } = await log('all', null, 10);
    expect(rows.at(-1)).toEqual({
      id: ids[0],
      // The row's link to its detail view goes by the request id the API returned.
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      at: new Date('2031-03-15T10:00:00Z'),
      method: 'GET',
      path: '/api/v1/projects/0',
      status: 200,
      outcome: 'ok',
      ip: '10.0.0.5',
      userAgent: 'Zapier/1.0',
      integrationName: 'Zapier',
      latencyMs: 10,
    });
  });

  it('filters by allowed, denied or one outcome, paging within the filter', async () => {
    expect(await walk('allowed', 10)).toEqual({ down: [[ids[6], ids[3], ids[1], ids[0]]], up: [[ids[6], ids[3], ids[1], ids[0]]] });
    expect(await walk('denied', 2)).toEqual({ down: [[ids[5], ids[4]], [ids[2]]], up: [[ids[5], ids[4]], [ids[2]]] });
    expect(await walk('allowed', 1)).toEqual({ down: [[ids[6]], [ids[3]], [ids[1]], [ids[0]]], up: [[ids[6]], [ids[3]], [ids[1]], [ids[0]]] });
    expect(idsOf(await log('ip_not_allowed', null, 10))).toEqual([ids[2]]);
    expect(idsOf(await log('key_disabled', null, 10))).toEqual([ids[4]]);
    expect(await log('rate_limited', null, 10)).toMatchObject({ rows: [], newer: null, older: null, recent: 0 });
    expect((await log('denied')).recent).toBe(3);
    expect((await log('allowed')).recent).toBe(4);
    expect((await log('ip_not_allowed')).recent).toBe(1);
  });

  it('finds denied rows of an outcome the code no longer knows', async () => {
    const old = await newKey();
    const [legacy, current] = await record(old, [{ at: '2031-03-15T09:00:00Z' }, { at: '2031-03-15T09:01:00Z', outcome: 'rate_limited' }]);
    await getDb().execute(sql`update api_requests set outcome = 'retired_code' where id = ${legacy}`);
    expect(idsOf(await requestLog({ ...old, filter: 'denied', now }))).toEqual([current, legacy]);
  });

  it('keeps rows recorded within one millisecond apart across a page boundary', async () => {
    const busy = await newKey();
    const rows = await record(busy, [{ at: '2031-03-15T09:00:00Z' }, { at: '2031-03-15T09:00:00Z' }, { at: '2031-03-15T09:00:00Z' }]);
    // Microseconds a JavaScript Date cannot hold: the cursor must carry the database's own time.
    await getDb().execute(sql`update api_requests set at = at + (id % 1000) * interval '1 microsecond' where id in (${sql.join(rows, sql`, `)})`);
    const seen: number[] = [];
    let page = await requestLog({ ...busy, pageSize: 1, now });
    seen.push(...idsOf(page));
    while (page.older) {
      page = await requestLog({ ...busy, pageSize: 1, position: { before: cursor(page.older) }, now });
      seen.push(...idsOf(page));
    }
    expect(seen.toSorted()).toEqual(rows.toSorted());
  });

  it('reads a nonsense page size as the nearest sensible one', async () => {
    expect(idsOf(await log('all', null, 0))).toEqual([ids[6]]);
    expect(idsOf(await log('all', null, Number.NaN))).toHaveLength(7);
    expect(idsOf(await log('all', null, 10_000))).toHaveLength(7);
  });

  it('shows nothing of a key to another community', async () => {
    expect(await requestLog({ ...foreign, filter: 'all', now })).toEqual({ rows: [], newer: null, older: null, recent: 0 });
    expect(await requestLog({ ...foreign, filter: 'denied', now })).toEqual({ rows: [], newer: null, older: null, recent: 0 });
  });
});
