import { MAIL_KINDS, type MailKind } from '@/lib/email/mail-kinds';
import { routes } from '@/lib/routes';
import { FilterActions } from '../filter-actions';
import { FilterSelect } from '../filter-select';
import { KeySearchField } from '../key-search-field';

const kinds = (Object.keys(MAIL_KINDS) as MailKind[]).map((value) => ({ value, label: MAIL_KINDS[value].label }));

/** A plain GET form: the filters live in the URL, so a filtered view can be bookmarked and shared. */
export function MailboxFilters({ keyText, kind }: { keyText?: string; kind?: MailKind }) {
  return (
    <form method="get" action={routes.mailbox} aria-label="Filter the mailbox" className="mb-4 flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-start">
      <KeySearchField id="mailbox-key" value={keyText} />
      <FilterSelect id="mailbox-kind" name="kind" label="Kind" allLabel="All kinds" options={kinds} value={kind} className="sm:w-64" />
      <div className="sm:pt-6">
        <FilterActions label="Apply filters" filtered={Boolean(kind || keyText)} clearHref={routes.mailbox} />
      </div>
    </form>
  );
}
