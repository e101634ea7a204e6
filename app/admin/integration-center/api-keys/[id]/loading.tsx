import { CardSkeleton, PageSkeleton } from '@/components/page-skeleton';

export default function ApiKeyLoading() {
  return (
    <PageSkeleton label="Loading the API key…">
      <CardSkeleton lines={6} />
      <CardSkeleton className="h-64" />
    </PageSkeleton>
  );
}
