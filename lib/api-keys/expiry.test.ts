import { describe, expect, it } from 'vitest';
import { expiryDate, parseExpiryDate } from './expiry';

const now = new Date('2026-11-26T12:00:00Z');

describe('expiry', () => {
  it('never → no expiry; N days → now + N days', () => {
    expect(expiryDate('never', '', now)).toBeNull();
    expect(expiryDate('30d', '', now)).toEqual(new Date('2026-12-26T12:00:00Z'));
    expect(expiryDate('90d', '', now)).toEqual(new Date('2027-02-24T12:00:00Z'));
  });

  it('a custom date ends at the end of that day (UTC)', () => {
    expect(expiryDate('custom', '2027-01-31', now)).toEqual(new Date('2027-01-31T23:59:59.999Z'));
  });

  it.each(['', '2027-02-30', '31/01/2027', '2027-1-5', 'tomorrow'])('rejects the date %j', (value) => {
    expect(parseExpiryDate(value)).toBeNull();
  });
});
