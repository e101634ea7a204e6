import { ChevronLeft, ChevronRight, ChevronsLeft, ChevronsRight } from 'lucide-react';
import { cn } from '@/lib/cn';
import { PageLink } from './pagination';

type Props = {
  newerHref: string | null;
  olderHref: string | null;
  /** The newest page (no cursor) and the oldest, where the list has them; null on that end already. */
  newestHref?: string | null;
  oldestHref?: string | null;
  label?: string;
  className?: string;
};

/**
 * Newer / Older for a list paged by keyset (a cursor in each link, no page numbers: counting the
 * pages would mean counting the whole list), with Newest and Oldest to jump to either end. A null
 * href is a disabled end; nothing when neither way leads anywhere. `label` names the navigation
 * where a page has two lists.
 */
export function CursorPagination({ newerHref, olderHref, newestHref, oldestHref, label, className }: Props) {
  if (!newerHref && !olderHref) return null;
  const ends = newestHref !== undefined || oldestHref !== undefined;
  return (
    <nav aria-label={label ?? 'Pagination'} className={cn('flex items-center justify-between gap-3', className ?? 'mt-4')}>
      <div className="flex gap-2">
        {ends && (
          <PageLink href={newestHref ?? null}>
            <ChevronsLeft aria-hidden className="size-4" /> Newest
          </PageLink>
        )}
        <PageLink href={newerHref} rel="prev">
          <ChevronLeft aria-hidden className="size-4" /> Newer
        </PageLink>
      </div>
      <div className="flex gap-2">
        <PageLink href={olderHref} rel="next">
          Older <ChevronRight aria-hidden className="size-4" />
        </PageLink>
        {ends && (
          <PageLink href={oldestHref ?? null}>
            Oldest <ChevronsRight aria-hidden className="size-4" />
          </PageLink>
        )}
      </div>
    </nav>
  );
}
