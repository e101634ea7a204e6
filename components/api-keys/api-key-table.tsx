import Link from 'next/link';
import type { ApiKeyListItem } from '@/db/queries/api-keys';
import { KEY_STATES, keyState } from '@/lib/api-keys/key-state';
import { routes } from '@/lib/routes';
import { Badge } from '../ui/badge';
import { DateTime } from '../ui/date-time';

const SHOWN_IP_LIMITS = 3;

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

export function ApiKeyTable({ keys, now }: { keys: ApiKeyListItem[]; now: number }) {
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
        <caption className="sr-only">API keys, newest first</caption>
        <thead className="bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-3">Name</th>
            <th scope="col" className="px-4 py-3">Key</th>
            <th scope="col" className="px-4 py-3">Status</th>
            <th scope="col" className="px-4 py-3">IP limits</th>
            <th scope="col" className="px-4 py-3">Last used</th>
            <th scope="col" className="px-4 py-3 text-right">Requests (7 days)</th>
            <th scope="col" className="px-4 py-3">Created</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {keys.map((key) => {
            const state = KEY_STATES[keyState(key, now)];
            return (
              <tr key={key.id} className="align-top">
                <th scope="row" className="px-4 py-3 font-medium text-slate-900">
                  <Link href={routes.apiKey(key.id)} className="text-brand-700 hover:underline">
                    {key.name}
                  </Link>
                  {key.description && <span className="mt-0.5 block max-w-xs truncate font-normal text-slate-500">{key.description}</span>}
                </th>
                <td className="whitespace-nowrap px-4 py-3 font-mono text-xs">{key.hint}</td>
                <td className="px-4 py-3">
                  <Badge tone={state.tone}>{state.label}</Badge>
                  {key.rotatingUntil && (
                    <span className="mt-1 block text-xs text-amber-800">
                      Rotating — old secret valid until <DateTime value={key.rotatingUntil} />
                    </span>
                  )}
                </td>
                <td className="px-4 py-3">
                  <IpLimits limits={key.ipLimits} />
                </td>
                <td className="whitespace-nowrap px-4 py-3 text-slate-600">
                  {key.lastUsedAt ? (
                    <>
                      <DateTime value={key.lastUsedAt} />
                      {key.lastUsedIp && <span className="block font-mono text-xs text-slate-500">{key.lastUsedIp}</span>}
                    </>
                  ) : (
                    <span className="text-slate-500">Never</span>
                  )}
                </td>
                <td className="px-4 py-3 text-right tabular-nums">{key.requests7d.toLocaleString('en')}</td>
                <td className="whitespace-nowrap px-4 py-3 text-slate-600">
                  <DateTime value={key.createdAt} />
                  <span className="block text-xs text-slate-500">by {key.createdByName}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
