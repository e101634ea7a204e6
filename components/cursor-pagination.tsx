import { ChevronLeft, ChevronRight } from 'lucide-react';
import { cn } from '@/lib/cn';
import { PageLink } from './pagination';

/**
 * Newer / Older for a list paged by keyset (a cursor in each link, no page numbers: counting the
 * pages would mean counting the whole list). A null href is a disabled end; nothing when neither
 * way leads anywhere. `label` names the navigation where a page has two lists.
 */
export function CursorPagination(props: { newerHref: string | null; olderHref: string | null; label?: string; className?: string }) {
  const { newerHref, olderHref } = props;
  if (!newerHref && !olderHref) return null;
  return (
    <nav aria-label={props.label ?? 'Pagination'} className={cn('flex items-center justify-between gap-3', props.className ?? 'mt-4')}>
      <PageLink href={newerHref} rel="prev">
        <ChevronLeft aria-hidden className="size-4" /> Newer
      </PageLink>
      <PageLink href={olderHref} rel="next">
        Older <ChevronRight aria-hidden className="size-4" />
      </PageLink>
    </nav>
  );
}
