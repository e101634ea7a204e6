import { LoadingStatus, TableSkeleton } from '../ui/skeleton';

/** Shown while the messages load: the shape of the table, and a status for screen readers. */
export function MailboxLoading() {
  return (
    <LoadingStatus label="Loading messages…">
      <TableSkeleton />
    </LoadingStatus>
  );
}
