import { AUDIT_ACTION_VALUES, AUDIT_ACTIONS, type AuditAction } from '@/lib/audit-actions';
import { routes } from '@/lib/routes';
import { FilterActions } from '../filter-actions';
import { FilterSelect } from '../filter-select';
import { KeySearchField } from '../key-search-field';

const actions = AUDIT_ACTION_VALUES.map((value) => ({ value, label: AUDIT_ACTIONS[value].label }));

/** A plain GET form: filters live in the URL, so a filtered view can be bookmarked and shared. */
export function AuditLogFilters(props: { keyText?: string; action?: AuditAction; filtered: boolean }) {
  return (
    <form method="get" action={routes.auditLog} aria-label="Filter the audit log" className="mb-4 flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-start">
      <KeySearchField id="audit-key" value={props.keyText} />
      <FilterSelect id="audit-action" name="action" label="Action" allLabel="All actions" options={actions} value={props.action} className="sm:w-48" />
      <div className="sm:pt-6">
        <FilterActions label="Apply filters" filtered={props.filtered} clearHref={routes.auditLog} />
      </div>
    </form>
  );
}
