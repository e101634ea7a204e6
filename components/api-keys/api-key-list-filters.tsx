import { DEFAULT_KEY_LIST_SORT, KEY_LIST_SORT_VALUES, KEY_LIST_SORTS, KEY_LIST_STATUS_VALUES } from '@/lib/api-keys/key-list';
import { KEY_STATES } from '@/lib/api-keys/key-state';
import { routes } from '@/lib/routes';
import type { ApiKeyListSearch } from '@/lib/validations/api-key-list';
import { FilterActions } from '../filter-actions';
import { FilterSearch } from '../filter-search';
import { FilterSelect } from '../filter-select';

const statuses = KEY_LIST_STATUS_VALUES.map((value) => ({ value, label: KEY_STATES[value].label }));
// The default sort is the select's empty first option, so the URL leaves it out.
const sorts = KEY_LIST_SORT_VALUES.filter((value) => value !== DEFAULT_KEY_LIST_SORT).map((value) => ({ value, label: KEY_LIST_SORTS[value].label }));

/**
 * A plain GET form (none of this is secret): the search, filter and order live in the URL, so a
 * view can be bookmarked. Applying it starts again at the first page.
 */
export function ApiKeyListFilters({ q, status, sort }: Pick<ApiKeyListSearch, 'q' | 'status' | 'sort'>) {
  return (
    <form method="get" action={routes.apiKeys} role="search" aria-label="Search API keys" className="mb-4 flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-start">
      <FilterSearch id="keys-search" name="q" label="Search" hint="Part of a key’s name or hint." placeholder="e.g. jira or jira_…3f9a" value={q} className="sm:w-72" />
      <FilterSelect id="keys-status" name="status" label="Status" allLabel="All statuses" options={statuses} value={status} className="sm:w-40" />
      <FilterSelect id="keys-sort" name="sort" label="Sort by" allLabel={KEY_LIST_SORTS[DEFAULT_KEY_LIST_SORT].label} options={sorts} value={sort === DEFAULT_KEY_LIST_SORT ? undefined : sort} className="sm:w-44" />
      <div className="sm:pt-6">
        <FilterActions label="Search" filtered={Boolean(q || status || sort !== DEFAULT_KEY_LIST_SORT)} clearHref={routes.apiKeys} />
      </div>
    </form>
  );
}
