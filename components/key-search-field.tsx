import { FilterSearch } from './filter-search';

/**
 * The Key box of a log's filters (audit log, mailbox): a search, not a list of every key, which at
 * 10 000 keys was a 2.8 MB select. The log shows the entries of every key the text names.
 */
export function KeySearchField({ id, value }: { id: string; value?: string }) {
  return <FilterSearch id={id} name="key" label="Key" hint="Part of a key’s name or hint, or its ID." value={value} className="sm:w-72" />;
}
