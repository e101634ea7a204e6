/**
 * How the product writes numbers and times, in the UI and in e-mail alike. Times are always UTC
 * (readers' time zones are unknown, and server and browser must render the same text), built by
 * hand rather than with Intl so every runtime spells months the same ("Sep", not "Sept").
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const pad2 = (n: number) => String(n).padStart(2, '0');

/** "1,234" */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** "1 request", "523 requests"; pass the plural when adding an "s" is wrong ("addresses"). */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : pluralForm}`;
}

const clock = (date: Date) => `${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}`;
const dayMonth = (date: Date) => `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}`;
const day = (date: Date) => `${dayMonth(date)} ${date.getUTCFullYear()}`;

/** The styles in use, each shown for 2031-03-09T07:05:02Z. None says "UTC": the caller adds it where the context does not. */
const STYLES = {
  /** "9 Mar 2031, 07:05" */
  dateTime: (date: Date) => `${day(date)}, ${clock(date)}`,
  /** "9 Mar 2031, 07:05:02": matching a log line to an integration's own logs needs the seconds. */
  dateTimeSeconds: (date: Date) => `${day(date)}, ${clock(date)}:${pad2(date.getUTCSeconds())}`,
  /** "Sun, 9 Mar 2031" */
  weekdayDate: (date: Date) => `${WEEKDAYS[date.getUTCDay()]}, ${day(date)}`,
  /** "9 Mar" */
  dayMonth,
  /** "07:05" */
  time: clock,
} as const;

export type UtcStyle = keyof typeof STYLES;

/** A time in UTC in one of the product's styles, without the zone. */
export function formatInUtc(date: Date, style: UtcStyle = 'dateTime'): string {
  return STYLES[style](date);
}

/** "26 Nov 2026, 10:39 UTC" */
export function formatUtc(date: Date): string {
  return `${formatInUtc(date)} UTC`;
}

/** "10:39 UTC" */
export function formatUtcTime(date: Date): string {
  return `${formatInUtc(date, 'time')} UTC`;
}
