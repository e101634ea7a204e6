import Link from 'next/link';
import type { MailboxRow } from '@/db/queries/mailbox';
import { routes } from '@/lib/routes';
import { DateTime } from '../ui/date-time';
import { MailKey } from './mail-key';
import { MailKindBadge } from './mail-kind-badge';
import { MailStatus } from './mail-status';

export function MailboxTable({ rows }: { rows: MailboxRow[] }) {
  // Focusable, so keyboard users can scroll the table sideways on narrow screens.
  return (
    <div role="region" aria-label="Messages" tabIndex={0} className="relative overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
        <caption className="sr-only">Messages the product sent or queued, newest first</caption>
        <thead className="bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-3">Subject</th>
            <th scope="col" className="px-4 py-3">Kind</th>
            <th scope="col" className="px-4 py-3">API key</th>
            <th scope="col" className="px-4 py-3">To</th>
            <th scope="col" className="px-4 py-3">Status</th>
            <th scope="col" className="px-4 py-3">Time</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} className="align-top">
              <th scope="row" className="min-w-56 px-4 py-3 font-normal">
                <Link href={routes.mailMessage(row.id)} className="font-medium text-brand-700 hover:underline">
                  {row.subject}
                </Link>
              </th>
              <td className="whitespace-nowrap px-4 py-3">
                <MailKindBadge kind={row.kind} />
              </td>
              <td className="min-w-32 px-4 py-3">
                <MailKey message={row} />
              </td>
              <td className="whitespace-nowrap px-4 py-3 text-slate-700">{row.toAddress}</td>
              <td className="min-w-44 max-w-56 px-4 py-3">
                <MailStatus {...row} clampError />
              </td>
              <td className="whitespace-nowrap px-4 py-3 text-slate-600">
                <DateTime value={row.createdAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
