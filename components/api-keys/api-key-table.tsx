import Link from 'next/link';
import type { ApiKeyListItem } from '@/db/queries/api-key-list';
import { KEY_STATES, keyState, oldSecretValidUntil } from '@/lib/api-keys/key-state';
import { describeRateLimit } from '@/lib/api-keys/rate-limit-policy';
import { FOCUS_ON_ARRIVAL } from '@/lib/focus-on-arrival';
import { formatCount } from '@/lib/format';
import { routes } from '@/lib/routes';
import { Badge } from '../ui/badge';
import { DateTime } from '../ui/date-time';
import { Table, TableBody, TableCell, TableRow, TableRowHeader } from '../ui/table';
import { KeyExpiry } from './key-expiry';
import { IpRefusalMarker, NeverUsed } from './key-refusals';
import { PermissionsSummary } from './permissions-summary';
import { RotationNote } from './rotation-note';

const SHOWN_IP_LIMITS = 3;
/** The row of a key just created: framed (a tint would take the grey text under 4.5:1 contrast). */
const NEW_ROW = 'outline-2 -outline-offset-2 outline-brand-600';

function NewBadge() {
  return <span className="ml-2 inline-flex rounded-md bg-brand-600 px-1.5 py-0.5 align-middle text-xs font-semibold text-white">New</span>;
}

function IpLimits({ limits }: { limits: string[] }) {
  if (limits.length === 0) return <span className="text-slate-500">Any address</span>;
  const rest = limits.length - SHOWN_IP_LIMITS;
  return (
    <span className="font-mono text-xs">
      {limits.slice(0, SHOWN_IP_LIMITS).join(', ')}
      {rest > 0 && <span className="font-sans text-slate-500"> and {rest} more</span>}
    </span>
  );
}

/** One page of keys; `order` says how they are sorted (the table's caption); `highlightId`: the key just created, marked "New" with focus landing on its link. */
export function ApiKeyTable({ keys, now, order, highlightId }: { keys: ApiKeyListItem[]; now: number; order: string; highlightId?: string }) {
  return (
    <Table label="API keys" caption={`API keys, ${order}`} card dense columns={['Name', 'Status', 'Expires', 'Permissions', 'Rate limit', 'IP limits', 'Last used', { label: 'Requests (7 days)', className: 'text-right' }, 'Created']}>
      <TableBody>
        {keys.map((key) => {
          const state = KEY_STATES[keyState(key, now)];
          const rotatingUntil = oldSecretValidUntil(key, now);
          const isNew = key.id === highlightId;
          return (
            <TableRow key={key.id} aria-current={isNew || undefined} className={isNew ? NEW_ROW : undefined}>
              <TableRowHeader className="font-medium text-slate-900">
                <Link href={routes.apiKey(key.id)} className="scroll-mt-24 text-brand-700 hover:underline" {...(isNew && { [FOCUS_ON_ARRIVAL]: true })}>
                  {key.name}
                </Link>
                {isNew && <NewBadge />}
                {/* The hint and description sit under the name, wrapping, so every column fits a laptop's width. */}
                <span className="block font-mono text-xs font-normal text-slate-700">{key.hint}</span>
                {key.description && <span className="mt-0.5 line-clamp-2 min-w-40 font-normal text-slate-500">{key.description}</span>}
              </TableRowHeader>
              <TableCell>
                <Badge tone={state.tone}>{state.label}</Badge>
                <IpRefusalMarker refused={key.ipRefused24h} />
                {rotatingUntil && (
                  <span className="mt-1 block text-xs text-amber-800">
                    <RotationNote until={rotatingUntil} short />
                  </span>
                )}
              </TableCell>
              <TableCell className="whitespace-nowrap text-slate-600">
                <KeyExpiry status={key.status} expiresAt={key.expiresAt} now={now} />
              </TableCell>
              <TableCell>
                <PermissionsSummary permissions={key.permissions} className="text-xs" />
              </TableCell>
              <TableCell className={key.rateLimit ? undefined : 'text-slate-500'}>{describeRateLimit(key.rateLimit)}</TableCell>
              <TableCell>
                <IpLimits limits={key.ipLimits} />
              </TableCell>
              <TableCell className="whitespace-nowrap text-slate-600">
                {key.lastUsedAt ? (
                  <>
                    <DateTime value={key.lastUsedAt} />
                    {key.lastUsedIp && <span className="block font-mono text-xs text-slate-500">{key.lastUsedIp}</span>}
                  </>
                ) : (
                  <NeverUsed refused={key.requests7d} />
                )}
              </TableCell>
              <TableCell className="text-right tabular-nums">{formatCount(key.requests7d)}</TableCell>
              <TableCell className="whitespace-nowrap text-slate-600">
                <DateTime value={key.createdAt} />
                <span className="block text-xs text-slate-500">by {key.createdByName}</span>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
