import { Suspense, type ReactNode } from 'react';
import { cn } from '@/lib/cn';

/** One grey bar standing in for a line of content (its width and height come from the caller). */
export function Skeleton({ className }: { className?: string }) {
  return <div className={cn('h-4 rounded bg-slate-200', className)} />;
}

/**
 * A loading state: the shape of what is coming, and one status line for screen readers (the
 * bars themselves are hidden from them). Polite, so it never interrupts what is being read.
 */
export function LoadingStatus({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div role="status" aria-live="polite" data-loading className={className}>
      <span className="sr-only">{label}</span>
      <div aria-hidden className="animate-pulse">
        {children}
      </div>
    </div>
  );
}

/**
 * A part of a page that streams in after the rest (its data is still loading): until then its
 * loading state, the `skeleton` and `label` for screen readers. Without a script it shows anyway,
 * and the loading state does not (app/globals.css).
 */
export function Streamed({ label, skeleton, children }: { label: string; skeleton: ReactNode; children: ReactNode }) {
  return <Suspense fallback={<LoadingStatus label={label}>{skeleton}</LoadingStatus>}>{children}</Suspense>;
}

/** Numbers 0…count-1, to draw so many placeholder lines. */
export const placeholders = (count: number) => Array.from({ length: count }, (_, index) => index);

/** The rows of a table: a darker first column (the row's name), lighter cells after it. */
export function TableSkeleton({ rows = 5 }: { rows?: number }) {
  return (
    <div className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      {placeholders(rows).map((row) => (
        <div key={row} className="flex gap-4">
          <Skeleton className="flex-[3]" />
          <Skeleton className="flex-1 bg-slate-100" />
          <Skeleton className="flex-[2] bg-slate-100" />
          <Skeleton className="flex-[2] bg-slate-100" />
        </div>
      ))}
    </div>
  );
}
