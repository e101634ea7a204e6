import { describe, expect, it } from 'vitest';
import { exactTime, exactUtc, fromNow, relativeTime } from './relative-time';

const now = Date.parse('2031-03-09T12:00:00Z');
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const at = (offsetMs: number) => new Date(now + offsetMs);

describe('relativeTime', () => {
  it.each([
    [0, 'just now'],
    [-44 * SECOND, 'just now'],
    // A browser clock a little behind the server's must not put a moment just recorded in the future.
    [30 * SECOND, 'just now'],
    [-45 * SECOND, '1 minute ago'],
    [-3 * MINUTE, '3 minutes ago'],
    [-44 * MINUTE, '44 minutes ago'],
    [-45 * MINUTE, '1 hour ago'],
    [2 * HOUR, 'in 2 hours'],
    [-21 * HOUR, '21 hours ago'],
    [-22 * HOUR, '1 day ago'],
    [12 * DAY, 'in 12 days'],
    [-3 * DAY, '3 days ago'],
    [25 * DAY, 'in 25 days'],
    [26 * DAY, 'in 1 month'],
    [90 * DAY, 'in 3 months'],
    [-200 * DAY, '7 months ago'],
    [400 * DAY, 'in 1 year'],
    [-3 * 365 * DAY, '3 years ago'],
  ])('%i ms from now reads as "%s"', (offset, expected) => {
    expect(relativeTime(at(offset), now)).toBe(expected);
  });
});

describe('fromNow', () => {
  it.each([
    [2 * HOUR, '2 hours from now'],
    [1 * HOUR, '1 hour from now'],
    [7 * DAY, '7 days from now'],
    [-3 * DAY, '3 days ago'],
    [10 * SECOND, 'just now'],
    [-10 * SECOND, 'just now'],
  ])('%i ms from now reads as "%s"', (offset, expected) => {
    expect(fromNow(at(offset), now)).toBe(expected);
  });
});

describe('exact times', () => {
  const early = new Date('2031-03-09T07:05:02Z');

  it('writes UTC to the second', () => {
    expect(exactUtc(early)).toBe('9 Mar 2031, 07:05:02 UTC');
  });

  it('gives the reader’s own time first, then UTC, whatever the host’s zone', () => {
    // New York moved to daylight time at 07:00 UTC that morning: the zone's name follows the date.
    expect(exactTime(early, 'America/New_York')).toBe('9 Mar 2031, 03:05:02 EDT (your time) · 9 Mar 2031, 07:05:02 UTC');
    expect(exactTime(new Date('2031-03-08T23:30:00Z'), 'Asia/Kolkata')).toBe('9 Mar 2031, 05:00:00 GMT+5:30 (your time) · 8 Mar 2031, 23:30:00 UTC');
    expect(exactTime(new Date('2031-03-09T02:00:00Z'), 'America/Los_Angeles')).toBe('8 Mar 2031, 18:00:00 PST (your time) · 9 Mar 2031, 02:00:00 UTC');
  });

  it('says UTC alone when the reader’s zone is unknown or is UTC', () => {
    expect(exactTime(early, null)).toBe('9 Mar 2031, 07:05:02 UTC');
    expect(exactTime(early, 'UTC')).toBe('9 Mar 2031, 07:05:02 UTC');
  });
});
