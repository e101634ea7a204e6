import { MAIL_KINDS, type MailKind } from '@/lib/email/mail-kinds';
import { routes } from '@/lib/routes';
import { FilterActions } from '../filter-actions';
import { controlClass } from '../ui/input';
import { Label } from '../ui/label';

const kinds = Object.entries(MAIL_KINDS) as [MailKind, (typeof MAIL_KINDS)[MailKind]][];

/** A plain GET form: the filter lives in the URL, so a filtered view can be bookmarked and shared. */
export function MailboxFilters({ kind }: { kind?: MailKind }) {
  return (
    <form method="get" action={routes.mailbox} aria-label="Filter the mailbox" className="mb-4 flex flex-col gap-3 sm:flex-row sm:items-end">
      <div className="space-y-1.5 sm:w-64">
        <Label htmlFor="mailbox-kind">Kind</Label>
        <select id="mailbox-kind" name="kind" defaultValue={kind ?? ''} className={controlClass}>
          <option value="">All kinds</option>
          {kinds.map(([value, { label }]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <FilterActions label="Apply filter" filtered={Boolean(kind)} clearHref={routes.mailbox} />
    </form>
  );
}
