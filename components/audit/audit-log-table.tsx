import type { AuditLogRow } from '@/db/queries/audit';
import { auditActionLabel, systemActorOf } from '@/lib/audit-actions';
import { Badge } from '../ui/badge';
import { DateTime } from '../ui/date-time';
import { Table, TableBody, TableCell, TableRow, TableRowHeader } from '../ui/table';
import { AuditDetails } from './audit-details';

function NotRecorded() {
  return <span className="font-sans text-sm text-slate-500">Not recorded</span>;
}

/** The admin who acted; for a leak report, who reported it (there is no admin to name). */
function ActorCell({ row }: { row: AuditLogRow }) {
  if (row.actorName !== null) {
    return (
      <>
        <span className="text-slate-900">{row.actorName}</span>
        <span className="block text-xs text-slate-500">{row.actorEmail}</span>
      </>
    );
  }
  const reporter = systemActorOf(row.action);
  return reporter ? <span className="text-slate-900">{reporter}</span> : <NotRecorded />;
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
  return (
    <Table label="Audit log entries" caption="Changes to API keys and settings, by admins and leak reports, newest first" card columns={['Time', 'Action', 'Key', 'Actor', 'IP', 'Details']}>
      <TableBody>
        {rows.map((row) => {
          const action = auditActionLabel(row.action);
          return (
            <TableRow key={row.id}>
              <TableRowHeader className="whitespace-nowrap font-normal text-slate-600">
                <DateTime value={row.createdAt} />
              </TableRowHeader>
              <TableCell>
                <Badge tone={action.tone}>{action.label}</Badge>
              </TableCell>
              <TableCell className="min-w-40">
                <KeyCell row={row} />
              </TableCell>
              <TableCell className="min-w-40">
                <ActorCell row={row} />
              </TableCell>
              <TableCell className="whitespace-nowrap font-mono text-xs">{row.ip ?? <NotRecorded />}</TableCell>
              <TableCell className="min-w-56 max-w-md">
                <AuditDetails details={row.details} />
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
