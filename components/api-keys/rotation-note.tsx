import { DateTime } from '../ui/date-time';

/** "Old secret valid until 26 Nov 2026, 10:39 UTC, 2 hours from now": one line, wherever a rotation's grace period is shown. */
export function RotationNote({ until }: { until: Date }) {
  return (
    <>
      Old secret valid until <DateTime value={until} format="until" />
    </>
  );
}
