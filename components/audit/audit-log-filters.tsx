import type { AuditKeyOption } from '@/db/queries/audit';
import { AUDIT_ACTIONS, type AuditAction } from '@/lib/audit-actions';
import { FilterActions } from '../filter-actions';
import { controlClass } from '../ui/input';
import { Label } from '../ui/label';
import { routes } from '@/lib/routes';

const actions = Object.entries(AUDIT_ACTIONS) as [AuditAction, (typeof AUDIT_ACTIONS)[AuditAction]][];

export function keyOptionLabel(key: Pick<AuditKeyOption, 'name' | 'hint' | 'deleted'>): string {
  return `${key.name} (${key.hint})${key.deleted ? ' (deleted)' : ''}`;
}

/** A plain GET form: filters live in the URL, so a filtered view can be bookmarked and shared. */
export function AuditLogFilters(props: { keys: AuditKeyOption[]; apiKeyId?: string; action?: AuditAction; filtered: boolean }) {
  const unknownKey = props.apiKeyId !== undefined && !props.keys.some((key) => key.id === props.apiKeyId);
  return (
    <form method="get" action={routes.auditLog} aria-label="Filter the audit log" className="mb-4 flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-end">
      <div className="space-y-1.5 sm:w-72">
        <Label htmlFor="audit-key">Key</Label>
        <select id="audit-key" name="key" defaultValue={props.apiKeyId ?? ''} className={controlClass}>
          <option value="">All keys</option>
          {props.keys.map((key) => (
            <option key={key.id} value={key.id}>
              {keyOptionLabel(key)}
            </option>
          ))}
          {unknownKey && <option value={props.apiKeyId}>Unknown key</option>}
        </select>
      </div>
      <div className="space-y-1.5 sm:w-48">
        <Label htmlFor="audit-action">Action</Label>
        <select id="audit-action" name="action" defaultValue={props.action ?? ''} className={controlClass}>
          <option value="">All actions</option>
          {actions.map(([action, { label }]) => (
            <option key={action} value={action}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <FilterActions label="Apply filters" filtered={Boolean(props.filtered)} clearHref={routes.auditLog} />
    </form>
  );
}
