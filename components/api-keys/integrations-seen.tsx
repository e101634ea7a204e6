import { Plug } from 'lucide-react';
import type { IntegrationSeen } from '@/db/queries/api-usage';
import { INTEGRATIONS_SEEN_LIMIT } from '@/lib/callers';
import { formatCount } from '@/lib/format';
import { DateTime } from '../ui/date-time';
import { Table, TableBody, TableCell, TableRow, TableRowHeader } from '../ui/table';

/** `denied` is optional so a caller may pass rows without it; when present, refused calls are pointed out. */
type Item = Omit<IntegrationSeen, 'denied'> & { denied?: number };

function Requests({ item }: { item: Item }) {
  return (
    <>
      {formatCount(item.requests)}
      {item.denied ? <span className="block text-xs text-red-700">{formatCount(item.denied)} denied</span> : null}
    </>
  );
}

/** Who has called this key: one row per integration name, user agent and IP, most recently seen first. */
export function IntegrationsSeen({ items }: { items: Item[] }) {
  return (
    <section aria-labelledby="integrations-seen-heading" className="overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <div className="border-b border-slate-200 px-4 py-4 sm:px-6">
        <h2 id="integrations-seen-heading" className="font-semibold text-slate-900">
          Integrations seen on this key
        </h2>
        <p className="mt-0.5 text-sm text-slate-600">
          Each distinct integration name, user agent and IP address that called the API with this key
          {items.length >= INTEGRATIONS_SEEN_LIMIT ? `; the ${INTEGRATIONS_SEEN_LIMIT} most recently seen` : ''}.
        </p>
      </div>
      {items.length === 0 ? (
        <div className="px-4 py-10 text-center text-sm">
          <Plug aria-hidden className="mx-auto size-8 text-slate-400" />
          <p className="mt-2 font-medium text-slate-900">No integration has used this key yet.</p>
          <p className="mx-auto mt-1 max-w-sm text-slate-600">
            Integrations can name themselves with the <code className="whitespace-nowrap font-mono text-xs">X-Integration-Name</code> header.
          </p>
        </div>
      ) : (
        <Table label="Integrations seen table" caption="Integrations seen on this key, most recently seen first" columns={['Integration', 'User agent', 'IP', 'First seen', 'Last seen', { label: 'Requests', className: 'text-right' }]}>
          <TableBody>
            {items.map((item) => (
              <TableRow key={`${item.integrationName}\u0000${item.userAgent}\u0000${item.ip}`}>
                <TableRowHeader className="font-medium text-slate-900">
                  {item.integrationName ?? <span className="font-normal text-slate-500">Not named</span>}
                </TableRowHeader>
                <TableCell>
                  {item.userAgent ? (
                    <span title={item.userAgent} className="block max-w-64 truncate font-mono text-xs text-slate-700">
                      {item.userAgent}
                    </span>
                  ) : (
                    <span className="text-slate-500">None sent</span>
                  )}
                </TableCell>
                <TableCell className="whitespace-nowrap font-mono text-xs text-slate-700">
                  {item.ip ?? <span className="font-sans text-slate-500">Unknown</span>}
                </TableCell>
                <TableCell className="whitespace-nowrap text-slate-600">
                  <DateTime value={item.firstSeen} />
                </TableCell>
                <TableCell className="whitespace-nowrap text-slate-600">
                  <DateTime value={item.lastSeen} />
                </TableCell>
                <TableCell className="whitespace-nowrap text-right tabular-nums">
                  <Requests item={item} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
