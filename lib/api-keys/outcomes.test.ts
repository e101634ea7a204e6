import { describe, expect, it } from 'vitest';
import { API_ERRORS } from '@/lib/api/errors';
import { ALLOWED_OUTCOMES, describeOutcome, isAllowedOutcome, OUTCOME_FILTERS, OUTCOMES, outcomeFilterLabel, outcomesOfGroup, parseOutcomeFilter } from './outcomes';

const codes = Object.keys(API_ERRORS) as (keyof typeof API_ERRORS)[];
// Recorded on the key a leak report named (lib/leaked-keys/leak-report.ts), beside the API's own outcomes.
const leakOutcomes = ['reported_leaked', 'revoked_by_report'];

describe('OUTCOMES', () => {
  it('labels every API error code as denied, and only ok as allowed', () => {
    for (const code of codes) {
      expect(OUTCOMES[code], code).toBeDefined();
      expect(OUTCOMES[code].label.trim(), code).not.toBe('');
      expect(OUTCOMES[code].label, code).not.toBe(code);
      expect(isAllowedOutcome(code), code).toBe(false);
    }
    expect(Object.keys(OUTCOMES).sort()).toEqual(['ok', ...codes, ...leakOutcomes].sort());
    for (const code of leakOutcomes) expect(describeOutcome(code)).toMatchObject({ allowed: false, keyAccepted: false });
    expect(ALLOWED_OUTCOMES).toEqual(['ok']);
    expect(isAllowedOutcome('ok')).toBe(true);
    expect(OUTCOMES.key_disabled.label).toBe('Key disabled');
    expect(OUTCOMES.ip_not_allowed.label).toBe('IP not allowed');
  });

  it('gives every outcome its own label', () => {
    const labels = Object.values(OUTCOMES).map((outcome) => outcome.label);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('reads an outcome it does not know as denied, shown by its raw code', () => {
    expect(isAllowedOutcome('teapot')).toBe(false);
    expect(isAllowedOutcome('toString')).toBe(false);
    expect(describeOutcome('teapot')).toMatchObject({ label: 'teapot', allowed: false });
    expect(describeOutcome('ok')).toMatchObject({ label: 'Allowed', allowed: true });
  });
});

describe('usage groups', () => {
  it('splits refusals by the key’s own rules from the caller’s mistakes and our failures', () => {
    expect(outcomesOfGroup('allowed')).toEqual(ALLOWED_OUTCOMES);
    expect(outcomesOfGroup('refused')).toEqual(expect.arrayContaining(['key_disabled', 'key_expired', 'ip_not_allowed', 'rate_limited', 'insufficient_scope']));
    expect([...outcomesOfGroup('client_error')].sort()).toEqual(
      ['invalid_json', 'method_not_allowed', 'not_found', 'payload_too_large', 'unsupported_media_type', 'validation_failed'].sort(),
    );
    expect([...outcomesOfGroup('server_error')].sort()).toEqual(['internal_error', 'service_unavailable']);
    expect(describeOutcome('teapot').group).toBe('refused');
  });
});

describe('OUTCOME_FILTERS', () => {
  it('offers all, allowed, denied and each error code, each with a label', () => {
    expect(OUTCOME_FILTERS.slice(0, 3)).toEqual(['all', 'allowed', 'denied']);
    expect([...OUTCOME_FILTERS.slice(3)].sort()).toEqual([...codes, ...leakOutcomes].sort());
    const labels = OUTCOME_FILTERS.map(outcomeFilterLabel);
    expect(new Set(labels).size).toBe(labels.length);
    expect(outcomeFilterLabel('ip_not_allowed')).toBe('IP not allowed');
  });

  it('parses ?outcome= and falls back to all for anything else', () => {
    expect(parseOutcomeFilter('denied')).toBe('denied');
    expect(parseOutcomeFilter('key_disabled')).toBe('key_disabled');
    expect(parseOutcomeFilter('ok')).toBe('allowed');
    expect(parseOutcomeFilter('nope')).toBe('all');
    expect(parseOutcomeFilter(['denied', 'allowed'])).toBe('all');
    expect(parseOutcomeFilter(undefined)).toBe('all');
  });
});
