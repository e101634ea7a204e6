import { MAIL_KINDS, type MailKind } from '@/lib/email/mail-kinds';
import { routes } from '@/lib/routes';
import { FilterActions } from '../filter-actions';
import { FilterSelect } from '../filter-select';

const kinds = (Object.keys(MAIL_KINDS) as MailKind[]).map((value) => ({ value, label: MAIL_KINDS[value].label }));

/** A plain GET form: the filter lives in the URL, so a filtered view can be bookmarked and shared. */
export function MailboxFilters({ kind }: { kind?: MailKind }) {
  return (
    <form method="get" action={routes.mailbox} aria-label="Filter the mailbox" className="mb-4 flex flex-col gap-3 sm:flex-row sm:items-end">
      <FilterSelect id="mailbox-kind" name="kind" label="Kind" allLabel="All kinds" options={kinds} value={kind} className="sm:w-64" />
      <FilterActions label="Apply filter" filtered={Boolean(kind)} clearHref={routes.mailbox} />
    </form>
  );
}
