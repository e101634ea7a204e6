import type { Metadata } from 'next';
import Link from 'next/link';
import { KeyRound, Plus } from 'lucide-react';
import { ApiKeyListFilters } from '@/components/api-keys/api-key-list-filters';
import { ApiKeyTable } from '@/components/api-keys/api-key-table';
import { NoKeysMatch, NoKeysPastHere } from '@/components/api-keys/no-keys-match';
import { KeysetPagination } from '@/components/pagination';
import { PageHeader } from '@/components/page-header';
import { Button } from '@/components/ui/button';
import { Skeleton, Streamed, TableSkeleton } from '@/components/ui/skeleton';
import { EmptyState } from '@/components/empty-state';
import { ForgetSearchParam } from '@/components/forget-search-param';
import { listApiKeys } from '@/db/queries/api-key-list';
import { hasApiKeys } from '@/db/queries/api-keys';
import { KEY_LIST_PAGE_SIZE, KEY_LIST_SORTS } from '@/lib/api-keys/key-list';
import { requireAdmin } from '@/lib/auth';
import { plural } from '@/lib/format';
import { crumbs, routes } from '@/lib/routes';
import { apiKeyListHref, parseApiKeyListSearch, type ApiKeyListSearch } from '@/lib/validations/api-key-list';
import type { SearchParams } from '@/lib/validations/search-params';

export const metadata: Metadata = { title: 'API Keys' };

function CreateButton() {
  return (
    <Button asChild>
      <Link href={routes.newApiKey}>
        <Plus aria-hidden className="size-4" /> Create an API Key
      </Link>
    </Button>
  );
}

/** One page of keys for this search: the count, the table, the page links, or why there is none. */
async function KeysPage({ communityId, search, highlightId }: { communityId: string; search: ApiKeyListSearch; highlightId?: string }) {
  const { q, status, sort } = search;
  // eslint-disable-next-line react-hooks/purity -- one clock reading per request: the Status filter and the badges agree on expiry
  const now = Date.now();
  const list = await listApiKeys({ communityId, q, status, sort, after: search.after, before: search.before, pageSize: KEY_LIST_PAGE_SIZE, now: new Date(now) });
  const view = { q, status, sort };
  const filtered = Boolean(q || status);

  if (list.total === 0) {
    return <NoKeysMatch q={q} status={status} clearSearchHref={apiKeyListHref({ ...view, q: undefined })} clearStatusHref={apiKeyListHref({ ...view, status: undefined })} />;
  }
  if (list.rows.length === 0) return <NoKeysPastHere firstPageHref={apiKeyListHref(view)} />;
  return (
    <>
      <p className="mb-2 text-sm text-slate-600">
        {plural(list.total, 'key')}
        {filtered && (list.total === 1 ? ' matches' : ' match')}
      </p>
      <ApiKeyTable keys={list.rows} now={now} order={KEY_LIST_SORTS[sort].caption} highlightId={highlightId} />
      {highlightId && <ForgetSearchParam name="created" />}
      <KeysetPagination
        label="API key pages"
        previousHref={list.previous && apiKeyListHref({ ...view, before: list.previous })}
        nextHref={list.next && apiKeyListHref({ ...view, after: list.next })}
      />
    </>
  );
}

/**
 * The header and the search form come at once; the page of keys streams in behind a skeleton. (No
 * key on the boundary: Previous and Next keep the page shown until the next one is ready, and the
 * link used keeps focus.) `created` marks the key just created
 * (routes.createdApiKey): highlighted, focus lands on it.
 */
export default async function ApiKeysPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const admin = await requireAdmin(routes.apiKeys);
  const params = await searchParams;
  const search = parseApiKeyListSearch(params);
  const anyKeys = await hasApiKeys({ communityId: admin.communityId });
  const highlightId = typeof params.created === 'string' ? params.created : undefined;

  return (
    <>
      <PageHeader
        crumbs={[...crumbs.apiKeys]}
        title="API Keys"
        description="Keys let integrations call your community's API. Disabling a key breaks every integration that uses it."
        actions={anyKeys ? <CreateButton /> : undefined}
      />
      {anyKeys ? (
        <>
          <ApiKeyListFilters q={search.q} status={search.status} sort={search.sort} />
          {/* The count line and the table's shape while the page of keys loads. */}
          <Streamed
            label="Loading API keys…"
            skeleton={
              <>
                <Skeleton className="mb-3 h-4 w-20 bg-slate-100" />
                <TableSkeleton rows={8} />
              </>
            }
          >
            <KeysPage communityId={admin.communityId} search={search} highlightId={highlightId} />
          </Streamed>
        </>
      ) : (
        <EmptyState icon={KeyRound} title="No API keys yet">
          <p className="mb-5">Create a key to connect your first integration.</p>
          <CreateButton />
        </EmptyState>
      )}
    </>
  );
}
