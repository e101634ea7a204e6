import { DateTime } from '../ui/date-time';

/**
 * A rotation's grace period, on one line: "Old secret valid until 26 Nov 2026, 10:39 UTC, 2 hours
 * from now", or in a table cell, where that does not fit, "Old secret ends in 2 hours" (exact on hover), wrapping
 * before the time so the status column stays narrow.
 */
export function RotationNote({ until, short = false }: { until: Date; short?: boolean }) {
  if (short) {
    return (
      <>
        Old secret ends <span className="whitespace-nowrap">
          <DateTime value={until} />
        </span>
      </>
    );
  }
  return (
    <>
      Old secret valid until <DateTime value={until} format="until" />
    </>
  );
}
