import type { Metadata } from 'next';
import Link from 'next/link';
import { KeyRound, Plus } from 'lucide-react';
import { ApiKeyListFilters } from '@/components/api-keys/api-key-list-filters';
import { ApiKeyTable } from '@/components/api-keys/api-key-table';
import { NoKeysMatch, NoKeysPastHere } from '@/components/api-keys/no-keys-match';
import { KeysetPagination } from '@/components/pagination';
import { PageHeader } from '@/components/page-header';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/empty-state';
import { listApiKeys } from '@/db/queries/api-key-list';
import { KEY_LIST_PAGE_SIZE, KEY_LIST_SORTS } from '@/lib/api-keys/key-list';
import { requireAdmin } from '@/lib/auth';
import { plural } from '@/lib/format';
import { crumbs, routes } from '@/lib/routes';
import { apiKeyListHref, parseApiKeyListSearch } from '@/lib/validations/api-key-list';
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

/** `created` marks the key just created (routes.createdApiKey): highlighted, focus lands on it. */
export default async function ApiKeysPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const admin = await requireAdmin(routes.apiKeys);
  const search = parseApiKeyListSearch(await searchParams);
  const { q, status, sort } = search;
  const { created } = await searchParams;
  // eslint-disable-next-line react-hooks/purity -- one clock reading per request: the Status filter and the badges agree on expiry
  const now = Date.now();
  const list = await listApiKeys({ communityId: admin.communityId, q, status, sort, after: search.after, before: search.before, pageSize: KEY_LIST_PAGE_SIZE, now: new Date(now) });
  const filtered = Boolean(q || status);
  const noKeysYet = list.total === 0 && !filtered;
  const view = { q, status, sort };

  return (
    <>
      <PageHeader
        crumbs={[...crumbs.apiKeys]}
        title="API Keys"
        description="Keys let integrations call your community's API. Disabling a key breaks every integration that uses it."
        actions={noKeysYet ? undefined : <CreateButton />}
      />
      {noKeysYet ? (
        <EmptyState icon={KeyRound} title="No API keys yet">
          <p className="mb-5">Create a key to connect your first integration.</p>
          <CreateButton />
        </EmptyState>
      ) : (
        <>
          <ApiKeyListFilters {...view} />
          {list.total === 0 ? (
            <NoKeysMatch q={q} status={status} clearSearchHref={apiKeyListHref({ ...view, q: undefined })} clearStatusHref={apiKeyListHref({ ...view, status: undefined })} />
          ) : list.rows.length === 0 ? (
            <NoKeysPastHere firstPageHref={apiKeyListHref(view)} />
          ) : (
            <>
              <p className="mb-2 text-sm text-slate-600">
                {plural(list.total, 'key')}
                {filtered && (list.total === 1 ? ' matches' : ' match')}
              </p>
              <ApiKeyTable keys={list.rows} now={now} order={KEY_LIST_SORTS[sort].caption} highlightId={typeof created === 'string' ? created : undefined} />
              <KeysetPagination
                label="API key pages"
                previousHref={list.previous && apiKeyListHref({ ...view, before: list.previous })}
                nextHref={list.next && apiKeyListHref({ ...view, after: list.next })}
              />
            </>
          )}
        </>
      )}
    </>
  );
}
