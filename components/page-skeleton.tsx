import type { ReactNode } from 'react';
import { cn } from '@/lib/cn';
import { LoadingStatus, Skeleton, placeholders } from './ui/skeleton';

/**
 * An admin page while it loads: bars where the breadcrumbs, title and description go, then the
 * page's own shapes. No real heading: focus moves to the page's h1 once it arrives
 * (components/route-focus.tsx), and a heading here would be replaced under it.
 */
export function PageSkeleton({ label, children }: { label: string; children: ReactNode }) {
  return (
    <LoadingStatus label={label}>
      <div className="mb-6 space-y-3">
        <Skeleton className="h-3 w-64 bg-slate-100" />
        <Skeleton className="h-7 w-56" />
        <Skeleton className="w-full max-w-xl bg-slate-100" />
      </div>
      <div className="space-y-6">{children}</div>
    </LoadingStatus>
  );
}

/** A card of label–value lines (a key's details), or a block of the given height (a chart). */
export function CardSkeleton({ lines = 0, className }: { lines?: number; className?: string }) {
  return (
    <div className={cn('space-y-3 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200', className)}>
      <Skeleton className="h-5 w-32" />
      {placeholders(lines).map((line) => (
        <div key={line} className="flex gap-6">
          <Skeleton className="w-32 shrink-0 bg-slate-100" />
          <Skeleton className="w-full max-w-sm bg-slate-100" />
        </div>
      ))}
    </div>
  );
}

/** A form page (create, edit) while it loads. */
export function FormPageSkeleton() {
  return (
    <PageSkeleton label="Loading the form…">
      <CardSkeleton lines={5} className="max-w-2xl" />
    </PageSkeleton>
  );
}
