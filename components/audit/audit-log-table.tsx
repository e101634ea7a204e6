import type { AuditLogRow } from '@/db/queries/audit';
import { auditActionLabel } from '@/lib/audit-actions';
import { Badge } from '../ui/badge';
import { DateTime } from '../ui/date-time';
import { AuditDetails } from './audit-details';

function NotRecorded() {
  return <span className="font-sans text-sm text-slate-500">Not recorded</span>;
}

function KeyCell({ row }: { row: AuditLogRow }) {
  if (!row.apiKeyId || row.keyName === null) return <span className="text-slate-500">No key</span>;
  return (
    <>
      <span className="font-medium text-slate-900">{row.keyName}</span>
      {row.keyDeleted && <span className="ml-1 text-slate-500">(deleted)</span>}
      <span className="block font-mono text-xs text-slate-500">{row.keyHint}</span>
    </>
  );
}

export function AuditLogTable({ rows }: { rows: AuditLogRow[] }) {
  // Focusable, so keyboard users can scroll the table sideways on narrow screens; `relative` keeps
  // the sr-only text of far-right cells inside the scroll box instead of widening the page.
  return (
    <div role="region" aria-label="Audit log entries" tabIndex={0} className="relative overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
        <caption className="sr-only">Admin actions on API keys, newest first</caption>
        <thead className="bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-3">Time</th>
            <th scope="col" className="px-4 py-3">Action</th>
            <th scope="col" className="px-4 py-3">Key</th>
            <th scope="col" className="px-4 py-3">Actor</th>
            <th scope="col" className="px-4 py-3">IP</th>
            <th scope="col" className="px-4 py-3">Details</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => {
            const action = auditActionLabel(row.action);
            return (
              <tr key={row.id} className="align-top">
                <th scope="row" className="whitespace-nowrap px-4 py-3 font-normal text-slate-600">
                  <DateTime value={row.createdAt} />
                </th>
                <td className="px-4 py-3">
                  <Badge tone={action.tone}>{action.label}</Badge>
                </td>
                <td className="min-w-40 px-4 py-3">
                  <KeyCell row={row} />
                </td>
                <td className="min-w-40 px-4 py-3">
                  {row.actorName === null ? (
                    <NotRecorded />
                  ) : (
                    <>
                      <span className="text-slate-900">{row.actorName}</span>
                      <span className="block text-xs text-slate-500">{row.actorEmail}</span>
                    </>
                  )}
                </td>
                <td className="whitespace-nowrap px-4 py-3 font-mono text-xs">{row.ip ?? <NotRecorded />}</td>
                <td className="min-w-56 max-w-md px-4 py-3">
                  <AuditDetails details={row.details} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
