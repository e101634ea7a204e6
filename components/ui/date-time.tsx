'use client';

import { exactTime, fromNow, relativeTime } from '@/lib/relative-time';
import { formatUtc } from '@/lib/format';
import { useClock } from './clock';

type Props = {
  value: Date;
  /**
   * `relative` (the default): "3 minutes ago", the exact time on hover and for screen readers.
   * `until`: "26 Nov 2026, 10:39 UTC, 2 hours from now", for a deadline the reader acts before.
   */
  format?: 'relative' | 'until';
};

/**
 * Every time the admin UI shows: a `<time>` with the machine-readable instant, read at a glance,
 * and exact (the reader's own time and UTC) on hover and for screen readers.
 */
export function DateTime({ value, format = 'relative' }: Props) {
  const { now, timeZone } = useClock();
  const exact = exactTime(value, timeZone);
  if (format === 'until') {
    return (
      <>
        <time dateTime={value.toISOString()} title={exact}>
          {formatUtc(value)}
        </time>
        , {fromNow(value, now)}
      </>
    );
  }
  return (
    <time dateTime={value.toISOString()} title={exact}>
      {relativeTime(value, now)}
      <span className="sr-only"> ({exact})</span>
    </time>
  );
}
