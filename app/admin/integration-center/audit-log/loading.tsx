import { PageSkeleton } from '@/components/page-skeleton';
import { TableSkeleton } from '@/components/ui/skeleton';

export default function AuditLogLoading() {
  return (
    <PageSkeleton label="Loading the audit log…">
      <TableSkeleton rows={8} />
    </PageSkeleton>
  );
}
