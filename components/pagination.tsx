import Link from 'next/link';
import { ChevronLeft, ChevronRight } from 'lucide-react';
import type { ReactNode } from 'react';
import { cn } from '@/lib/cn';

const linkClass = 'inline-flex items-center gap-1 rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-inset';

function PageLink({ href, children }: { href: string | null; children: ReactNode }) {
  if (!href) {
    return (
      <span aria-disabled="true" className={cn(linkClass, 'cursor-not-allowed text-slate-400 ring-slate-200')}>
        {children}
      </span>
    );
  }
  return (
    <Link href={href} className={cn(linkClass, 'bg-white text-slate-900 ring-slate-300 hover:bg-slate-50')}>
      {children}
    </Link>
  );
}

/** Previous / Next with "Page X of Y"; `hrefFor` keeps the current filters in each link. */
export function Pagination(props: { page: number; totalPages: number; hrefFor: (page: number) => string }) {
  const { page, totalPages, hrefFor } = props;
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center justify-between gap-3">
      <PageLink href={page > 1 ? hrefFor(page - 1) : null}>
        <ChevronLeft aria-hidden className="size-4" /> Previous
      </PageLink>
      <p className="text-sm text-slate-600">
        Page {page} of {totalPages}
      </p>
      <PageLink href={page < totalPages ? hrefFor(page + 1) : null}>
        Next <ChevronRight aria-hidden className="size-4" />
      </PageLink>
    </nav>
  );
}
