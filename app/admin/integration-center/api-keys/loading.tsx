import { PageSkeleton } from '@/components/page-skeleton';
import { TableSkeleton } from '@/components/ui/skeleton';

export default function ApiKeysLoading() {
  return (
    <PageSkeleton label="Loading API keys…">
      <TableSkeleton />
    </PageSkeleton>
  );
}
