import Link from 'next/link';
import { SearchX } from 'lucide-react';
import { KEY_STATES } from '@/lib/api-keys/key-state';
import type { KeyListStatus } from '@/lib/api-keys/key-list';
import { EmptyState } from '../empty-state';

const linkClass = 'font-medium text-brand-700 hover:underline';

/** A search or status filter that found no key: say what was looked for, and offer the way back. */
export function NoKeysMatch({ q, status, clearSearchHref, clearStatusHref }: { q?: string; status?: KeyListStatus; clearSearchHref: string; clearStatusHref: string }) {
  const which = status ? `${KEY_STATES[status].label.toLowerCase()} keys` : 'keys';
  return (
    <EmptyState icon={SearchX} title={q ? `No ${which} match “${q}”` : `No ${which}`}>
      <p>
        {q ? 'Check the spelling, or search for part of the name or the key’s last four characters. ' : 'No key of your community is in this state. '}
        <Link href={q ? clearSearchHref : clearStatusHref} className={linkClass}>
          {q ? 'Clear search' : 'Show all keys'}
        </Link>
      </p>
    </EmptyState>
  );
}

/** A page link whose keys have since gone (deleted, or the list changed): offer the first page. */
export function NoKeysPastHere({ firstPageHref }: { firstPageHref: string }) {
  return (
    <EmptyState icon={SearchX} title="No more keys here">
      <p>
        The keys this page held have changed.{' '}
        <Link href={firstPageHref} className={linkClass}>
          Go to the first page
        </Link>
      </p>
    </EmptyState>
  );
}
