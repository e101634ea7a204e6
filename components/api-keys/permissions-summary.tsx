import { PERMISSION_LEVELS, PERMISSION_RESOURCES, RESOURCE_VALUES, type KeyPermissions } from '@/lib/api-keys/permissions';
import { cn } from '@/lib/cn';

/** What a key may do, one resource per line ("Feedback: Read and write"); no access is muted. */
export function PermissionsSummary({ permissions, className }: { permissions: KeyPermissions; className?: string }) {
  return (
    <ul className={cn('space-y-0.5', className)}>
      {RESOURCE_VALUES.map((resource) => (
        <li key={resource} className="whitespace-nowrap">
          <span className="text-slate-600">{PERMISSION_RESOURCES[resource].label}:</span>{' '}
          <span className={permissions[resource] === 'none' ? 'text-slate-500' : 'font-medium text-slate-900'}>{PERMISSION_LEVELS[permissions[resource]].label}</span>
        </li>
      ))}
    </ul>
  );
}
