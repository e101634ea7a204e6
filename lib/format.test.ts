import { describe, expect, it } from 'vitest';
import { formatCount, formatInTimeZone, formatInUtc, formatUtc, formatUtcTime, plural, type UtcStyle } from './format';

describe('formatCount and plural', () => {
  it.each([
    [0, '0 requests'],
    [1, '1 request'],
    [2, '2 requests'],
    [1234, '1,234 requests'],
    [1_000_000, '1,000,000 requests'],
  ])('%i reads as "%s"', (count, expected) => {
    expect(plural(count, 'request')).toBe(expected);
  });

  it('takes the plural form when adding an "s" is wrong', () => {
    expect(plural(1, 'IP address', 'IP addresses')).toBe('1 IP address');
    expect(plural(3, 'IP address', 'IP addresses')).toBe('3 IP addresses');
    expect(plural(2, 'entry', 'entries')).toBe('2 entries');
  });

  it('groups thousands with commas', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(12)).toBe('12');
  });
});

describe('times in UTC', () => {
  // 07:05:02 UTC is still the previous evening in the Americas: the output must not follow the host's zone.
  const early = new Date('2031-03-09T07:05:02Z');

  it.each<[UtcStyle, string]>([
    ['dateTime', '9 Mar 2031, 07:05'],
    ['dateTimeSeconds', '9 Mar 2031, 07:05:02'],
    ['weekdayDate', 'Sun, 9 Mar 2031'],
    ['dayMonth', '9 Mar'],
    ['time', '07:05'],
  ])('%s reads as "%s"', (style, expected) => {
    expect(formatInUtc(early, style)).toBe(expected);
  });

  it('spells every month in three letters, September included', () => {
    const months = Array.from({ length: 12 }, (_, month) => formatInUtc(new Date(Date.UTC(2030, month, 1)), 'dayMonth').slice(2));
    expect(months).toEqual(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']);
  });

  it('says UTC where the text stands alone', () => {
    expect(formatUtc(new Date('2026-11-26T10:39:59.999Z'))).toBe('26 Nov 2026, 10:39 UTC');
    expect(formatUtcTime(new Date('2026-11-26T00:00:00Z'))).toBe('00:00 UTC');
    expect(formatUtc(new Date('2026-12-31T23:59:00Z'))).toBe('31 Dec 2026, 23:59 UTC');
  });
});

describe('times in a reader’s zone', () => {
  it('writes the local date and time to the second, with the zone’s short name', () => {
    // 00:30 UTC on the 1st is still September in Los Angeles: the day, month and year all follow the zone.
    expect(formatInTimeZone(new Date('2030-10-01T00:30:00Z'), 'America/Los_Angeles')).toBe('30 Sep 2030, 17:30:00 PDT');
    expect(formatInTimeZone(new Date('2030-12-31T23:59:59Z'), 'Europe/Berlin')).toBe('1 Jan 2031, 00:59:59 GMT+1');
  });
});
