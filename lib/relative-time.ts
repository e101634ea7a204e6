import { formatInTimeZone, formatInUtc } from './format';

/**
 * How the admin UI writes a moment: relative to now ("3 minutes ago", "in 12 days"), read at a
 * glance, with the exact time beside it for whoever needs it (components/ui/date-time.tsx shows
 * it on hover and to screen readers). Pure: the caller passes the clock and the reader's zone.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTH = 30.4375 * DAY;
const YEAR = 365.25 * DAY;

type Unit = 'minute' | 'hour' | 'day' | 'month' | 'year';

/**
 * The unit a distance reads best in, rounded to whole units. The steps are the usual ones (GitHub,
 * date-fns): under 45 seconds is "just now", 45 minutes read as an hour, 26 days as a month.
 */
const STEPS: { below: number; unit: Unit; size: number }[] = [
  { below: 45 * MINUTE, unit: 'minute', size: MINUTE },
  { below: 22 * HOUR, unit: 'hour', size: HOUR },
  { below: 26 * DAY, unit: 'day', size: DAY },
  { below: 320 * DAY, unit: 'month', size: MONTH },
  { below: Infinity, unit: 'year', size: YEAR },
];
const JUST_NOW = 45 * SECOND;

function distance(date: Date, now: number): { value: number; unit: Unit } | null {
  const ms = Math.abs(date.getTime() - now);
  if (ms < JUST_NOW) return null;
  const step = STEPS.find((candidate) => ms < candidate.below)!;
  return { value: Math.max(1, Math.round(ms / step.size)), unit: step.unit };
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'always' });
const units = new Map<Unit, Intl.NumberFormat>();
const amount = (value: number, unit: Unit) => {
  let format = units.get(unit);
  if (!format) units.set(unit, (format = new Intl.NumberFormat('en', { style: 'unit', unit, unitDisplay: 'long' })));
  return format.format(value);
};

const isPast = (date: Date, now: number) => date.getTime() <= now;

/**
 * "3 minutes ago", "in 12 days"; "just now" within 45 s either way: the browser's clock may be a
 * few seconds off the server's (and the UI's clock moves in steps), so a moment just recorded must
 * not read as one still to come.
 */
export function relativeTime(date: Date, now: number): string {
  const span = distance(date, now);
  if (!span) return 'just now';
  return relative.format(isPast(date, now) ? -span.value : span.value, span.unit);
}

/** "2 hours from now", "3 days ago": for after an exact time ("valid until 10:39 UTC, 2 hours from now"). */
export function fromNow(date: Date, now: number): string {
  const span = distance(date, now);
  if (!span) return 'just now';
  return `${amount(span.value, span.unit)} ${isPast(date, now) ? 'ago' : 'from now'}`;
}

/** "9 Mar 2031, 07:05:02 UTC": exact to the second (a log line is matched to an integration's own logs by it). */
export function exactUtc(date: Date): string {
  return `${formatInUtc(date, 'dateTimeSeconds')} UTC`;
}

/**
 * The exact time as the reader needs it: in their own zone and in UTC ("9 Mar 2031, 03:05:02 EDT
 * (your time) · 9 Mar 2031, 07:05:02 UTC"), or UTC alone when their zone is unknown or is UTC.
 */
export function exactTime(date: Date, timeZone: string | null): string {
  const utc = exactUtc(date);
  if (!timeZone || timeZone === 'UTC' || timeZone === 'Etc/UTC') return utc;
  return `${formatInTimeZone(date, timeZone)} (your time) · ${utc}`;
}
