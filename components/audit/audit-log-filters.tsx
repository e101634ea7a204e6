import type { AuditKeyOption } from '@/db/queries/audit';
import { AUDIT_ACTION_VALUES, AUDIT_ACTIONS, type AuditAction } from '@/lib/audit-actions';
import { routes } from '@/lib/routes';
import { FilterActions } from '../filter-actions';
import { FilterSelect } from '../filter-select';

const actions = AUDIT_ACTION_VALUES.map((value) => ({ value, label: AUDIT_ACTIONS[value].label }));

export function keyOptionLabel(key: Pick<AuditKeyOption, 'name' | 'hint' | 'deleted'>): string {
  return `${key.name} (${key.hint})${key.deleted ? ' (deleted)' : ''}`;
}

/** A plain GET form: filters live in the URL, so a filtered view can be bookmarked and shared. */
export function AuditLogFilters(props: { keys: AuditKeyOption[]; apiKeyId?: string; action?: AuditAction; filtered: boolean }) {
  const keys = props.keys.map((key) => ({ value: key.id, label: keyOptionLabel(key) }));
  // A key id from an old link that is no longer in the log still shows as the selected filter.
  if (props.apiKeyId !== undefined && !props.keys.some((key) => key.id === props.apiKeyId)) keys.push({ value: props.apiKeyId, label: 'Unknown key' });
  return (
    <form method="get" action={routes.auditLog} aria-label="Filter the audit log" className="mb-4 flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-end">
      <FilterSelect id="audit-key" name="key" label="Key" allLabel="All keys" options={keys} value={props.apiKeyId} className="sm:w-72" />
      <FilterSelect id="audit-action" name="action" label="Action" allLabel="All actions" options={actions} value={props.action} className="sm:w-48" />
      <FilterActions label="Apply filters" filtered={Boolean(props.filtered)} clearHref={routes.auditLog} />
    </form>
  );
}
