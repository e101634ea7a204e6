import Link from 'next/link';
import { ChevronLeft, ChevronRight } from 'lucide-react';
import type { ReactNode } from 'react';
import { cn } from '@/lib/cn';
import { formatCount, plural } from '@/lib/format';

const linkClass = 'inline-flex items-center gap-1 rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-inset';

/** How many pages `total` rows fill; an empty list still has its one (empty) page. */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / Math.max(1, pageSize)));
}

export function PageLink({ href, rel, children }: { href: string | null; rel?: 'prev' | 'next'; children: ReactNode }) {
  if (!href) {
    return (
      <span aria-disabled="true" className={cn(linkClass, 'cursor-not-allowed text-slate-400 ring-slate-200')}>
        {children}
      </span>
    );
  }
  return (
    <Link href={href} rel={rel} className={cn(linkClass, 'bg-white text-slate-900 ring-slate-300 hover:bg-slate-50')}>
      {children}
    </Link>
  );
}

/** Previous and Next around `children` (where the list is); a missing href is a disabled end. */
function PrevNext(props: { previousHref: string | null; nextHref: string | null; label?: string; className?: string; children?: ReactNode }) {
  return (
    <nav aria-label={props.label ?? 'Pagination'} className={cn('flex items-center justify-between gap-3', props.className ?? 'mt-4')}>
      <PageLink href={props.previousHref} rel="prev">
        <ChevronLeft aria-hidden className="size-4" /> Previous
      </PageLink>
      {props.children}
      <PageLink href={props.nextHref} rel="next">
        Next <ChevronRight aria-hidden className="size-4" />
      </PageLink>
    </nav>
  );
}

/**
 * Previous / Next with "Page X of Y"; `hrefFor` keeps the current filters in each link. Nothing
 * when everything fits on one page. `label` names the navigation where a page has two lists.
 */
export function Pagination(props: { page: number; totalPages: number; hrefFor: (page: number) => string; label?: string; className?: string }) {
  const { page, totalPages, hrefFor } = props;
  if (totalPages <= 1 || page > totalPages) return null;
  return (
    <PrevNext previousHref={page > 1 ? hrefFor(page - 1) : null} nextHref={page < totalPages ? hrefFor(page + 1) : null} label={props.label} className={props.className}>
      <p className="text-sm text-slate-600 tabular-nums">
        Page {formatCount(page)} of {formatCount(totalPages)}
      </p>
    </PrevNext>
  );
}

/**
 * Previous / Next for a keyset-paged list, whose pages have cursors, not numbers: each href is the
 * page beside this one with the same filters, null at that end. Nothing when there is one page.
 */
export function KeysetPagination(props: { previousHref: string | null; nextHref: string | null; label?: string; className?: string }) {
  if (!props.previousHref && !props.nextHref) return null;
  return <PrevNext {...props} />;
}

/** A stale link or an edited URL can point past the end: say so and offer the last page, rather than "nothing here". */
export function PastLastPage({ page, totalPages, hrefFor }: { page: number; totalPages: number; hrefFor: (page: number) => string }) {
  return (
    <div className="px-4 py-10 text-center text-sm">
      <p className="font-medium text-slate-900">There is no page {formatCount(page)}</p>
      <Link href={hrefFor(totalPages)} className="mt-2 inline-block font-medium text-brand-700 hover:underline">
        Go to the last page ({formatCount(totalPages)})
      </Link>
    </div>
  );
}

/**
 * A page of a list with its count ("Showing 26–50 of 60 entries") and pagination, `empty` when
 * nothing matches, or the past-the-end notice. The list itself (`children`) is the page's rows.
 */
export function PagedList(props: {
  page: number;
  pageSize: number;
  total: number;
  shown: number;
  noun: [singular: string, plural: string];
  hrefFor: (page: number) => string;
  empty: ReactNode;
  children?: ReactNode;
}) {
  const { page, pageSize, total, hrefFor } = props;
  if (total === 0) return props.empty;
  const totalPages = pageCount(total, pageSize);
  if (page > totalPages) {
    return (
      <div className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
        <PastLastPage page={page} totalPages={totalPages} hrefFor={hrefFor} />
      </div>
    );
  }
  const first = (page - 1) * pageSize + 1;
  return (
    <>
      <p className="mb-2 text-sm text-slate-600">
        Showing {formatCount(first)}–{formatCount(first + props.shown - 1)} of {plural(total, ...props.noun)}
      </p>
      {props.children}
      <Pagination page={page} totalPages={totalPages} hrefFor={hrefFor} />
    </>
  );
}
