import Link from 'next/link';
import type { MailboxRow } from '@/db/queries/mailbox';
import { routes } from '@/lib/routes';
import { DateTime } from '../ui/date-time';
import { Table, TableBody, TableCell, TableRow, TableRowHeader } from '../ui/table';
import { MailKey } from './mail-key';
import { MailKindBadge } from './mail-kind-badge';
import { MailStatus } from './mail-status';

export function MailboxTable({ rows }: { rows: MailboxRow[] }) {
  return (
    <Table label="Messages" caption="Messages the product sent or queued, newest first" card columns={['Subject', 'Kind', 'API key', 'To', 'Status', 'Time']}>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id}>
            <TableRowHeader className="min-w-56 font-normal">
              <Link href={routes.mailMessage(row.id)} className="font-medium text-brand-700 hover:underline">
                {row.subject}
              </Link>
            </TableRowHeader>
            <TableCell className="whitespace-nowrap">
              <MailKindBadge kind={row.kind} />
            </TableCell>
            <TableCell className="min-w-32">
              <MailKey message={row} />
            </TableCell>
            <TableCell className="whitespace-nowrap text-slate-700">{row.toAddress}</TableCell>
            <TableCell className="min-w-44 max-w-56">
              <MailStatus {...row} clampError />
            </TableCell>
            <TableCell className="whitespace-nowrap text-slate-600">
              <DateTime value={row.createdAt} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
