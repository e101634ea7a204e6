import { describe, expect, it } from 'vitest';
import { generateApiKey } from '@/lib/api-keys';
import { normalizeUsageRecord, USAGE_TEXT_LIMITS, type UsageRecord } from './usage-record';

const base: UsageRecord = {
  requestId: 'req-1',
  apiKeyId: '0f8fad5b-d9cb-469f-a165-70867728950e',
  communityId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  at: new Date('2030-01-02T03:04:05.678Z'),
  method: 'get',
  path: '/api/v1/me',
  status: 200,
  outcome: 'ok',
  ip: '203.0.113.7',
  userAgent: 'curl/8',
  integrationName: 'Jira sync',
  latencyMs: 4.6,
};

describe('normalizeUsageRecord', () => {
  it('keeps a well-formed record, rounding latency and upper-casing the method', () => {
    expect(normalizeUsageRecord(base)).toEqual({ ...base, method: 'GET', latencyMs: 5 });
  });

  it('returns a copy the caller cannot change afterwards', () => {
    const record = { ...base };
    const row = normalizeUsageRecord(record);
    record.path = '/changed';
    expect(row.path).toBe('/api/v1/me');
  });

  it('stores the path without its query, and any key in the path or a client-chosen header redacted', () => {
    const { key, hint } = generateApiKey('acme');
    const row = normalizeUsageRecord({ ...base, path: `/api/v1/me/${key}?api_key=${key}`, userAgent: `bot/1 (${key})`, integrationName: key });
    expect(row).toMatchObject({ path: `/api/v1/me/${hint}`, userAgent: `bot/1 (${hint})`, integrationName: hint });
  });

  it('clips client-controlled text and never splits a surrogate pair', () => {
    const row = normalizeUsageRecord({ ...base, userAgent: 'a'.repeat(511) + '😀' + 'b'.repeat(10), integrationName: 'x'.repeat(300) });
    expect(row.userAgent).toBe('a'.repeat(511));
    expect(row.integrationName).toHaveLength(USAGE_TEXT_LIMITS.integrationName);
  });

  it('turns values Postgres would reject into ones it accepts', () => {
    const row = normalizeUsageRecord({
      ...base,
      requestId: '',
      apiKeyId: 'not-a-uuid',
      at: new Date('nonsense'),
      userAgent: 'nul\0byte',
      integrationName: '',
      status: Number.NaN,
      latencyMs: 1e12,
    });
    expect(row.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(row.apiKeyId).toBeNull();
    expect(Number.isNaN(row.at.getTime())).toBe(false);
    expect(row.userAgent).toBe('nulbyte');
    expect(row.integrationName).toBeNull();
    expect(row.status).toBe(0);
    expect(row.latencyMs).toBe(2_147_483_647);
  });
});
