/**
 * How the product writes numbers and times, in the UI and in e-mail alike. Times are UTC wherever
 * the reader's time zone is unknown (e-mail, and every page as the server renders it, so server and
 * browser render the same text); the browser adds the reader's local time once it runs. Months are
 * spelled by hand rather than by Intl so every runtime writes them the same ("Sep", not "Sept").
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

const zoneParts = new Map<string, Intl.DateTimeFormat>();

/** "9 Mar 2031, 03:05:02 EDT": the exact time in a reader's time zone (an IANA name), with the zone's short name. */
export function formatInTimeZone(date: Date, timeZone: string): string {
  let format = zoneParts.get(timeZone);
  if (!format) {
    const fields = { year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' } as const;
    format = new Intl.DateTimeFormat('en-US', { ...fields, hourCycle: 'h23', timeZone, timeZoneName: 'short' });
    zoneParts.set(timeZone, format);
  }
  const part = Object.fromEntries(format.formatToParts(date).map(({ type, value }) => [type, value]));
  return `${Number(part.day)} ${MONTHS[Number(part.month) - 1]} ${part.year}, ${part.hour}:${part.minute}:${part.second} ${part.timeZoneName}`;
}
