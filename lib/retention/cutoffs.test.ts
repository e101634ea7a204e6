import { describe, expect, it } from 'vitest';
import { loadConfig } from '@/lib/config';
import { retentionCutoffs } from './cutoffs';

const now = new Date('2026-03-29T12:00:00Z');

describe('retentionCutoffs', () => {
  it('counts whole days of 24 hours back from now (a daylight-saving change does not move them)', () => {
    expect(retentionCutoffs(loadConfig({}), now)).toEqual({
      usage: new Date('2025-12-29T12:00:00Z'),
      rollups: new Date('2025-02-22T12:00:00Z'),
      mail: new Date('2026-02-27T12:00:00Z'),
      audit: null,
    });
  });

  it('prunes the audit log only when told to', () => {
    expect(retentionCutoffs(loadConfig({ AUDIT_RETENTION_DAYS: '1' }), now).audit).toEqual(new Date('2026-03-28T12:00:00Z'));
  });
});
