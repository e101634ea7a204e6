import { describe, expect, it } from 'vitest';
import { perSecondTable, recovery, tally } from './timeline';
import type { Sample } from './traffic';

const sample = (start: number, end: number, status: number, code: string | null = null, target = 'api'): Sample => ({ target, start, end, status, code, retryAfter: null });

describe('recovery', () => {
  it('times the first success of a call started after the moment, and when the calls that all succeeded began', () => {
    const samples = [
      sample(900, 5_000, 200), // hung through the moment: not a call "after" it
      sample(1_000, 1_100, 503, 'service_unavailable'),
      sample(1_200, 1_900, 200),
      sample(1_300, 1_350, 503, 'service_unavailable'),
      sample(1_400, 1_500, 200),
      sample(1_600, 1_650, 200),
    ];
    expect(recovery(samples, 'api', 1_000)).toEqual({
      firstCall: { status: '503 service_unavailable', ms: 100, startedAfter: 0 },
      firstOkAfter: 500, // the call started at 1 400 answered first (1 500), before the one started at 1 200
      steadyAfter: 400,
    });
  });

  it('says never when no call succeeded, and counts a 200 that failed its check as a failure', () => {
    const samples = [sample(0, 10, 200, 'action_failed'), sample(20, 30, 0, 'ECONNREFUSED')];
    expect(recovery(samples, 'api', 0)).toMatchObject({ firstOkAfter: null, steadyAfter: null });
  });
});

describe('tally', () => {
  it('counts answers by status and error code, and failures without an answer by their code', () => {
    const samples = [sample(0, 1, 200), sample(0, 1, 503, 'service_unavailable'), sample(0, 1, 200), sample(0, 1, 0, 'ECONNREFUSED')];
    expect(tally(samples)).toBe('200×2, 503 service_unavailable×1, ECONNREFUSED×1');
    expect(tally([])).toBe('–');
  });
});

describe('perSecondTable', () => {
  it('merges seconds that answered alike and keeps the seconds where something happened on rows of their own', () => {
    const samples = [0, 1_000, 2_000, 3_000, 4_000, 5_000].map((start) => sample(start, start + 10, start >= 4_000 ? 503 : 200, start >= 4_000 ? 'service_unavailable' : null));
    const rows = perSecondTable(samples, ['api'], [{ at: 2_500, label: 'Postgres stopped' }]).slice(1);
    expect(rows.map((row) => row.trim().split(/\s+/)[0])).toEqual(['0–1', '2', '3', '4–5']);
    expect(rows[1]).toContain('← Postgres stopped');
    expect(rows[0]).toContain('200×2');
    expect(rows[3]).toContain('503 service_unavailable×2');
  });
});
