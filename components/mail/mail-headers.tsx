import type { ReactNode } from 'react';
import type { MailMessageDetails } from '@/db/queries/mailbox';
import { DateTime } from '../ui/date-time';
import { DetailList, DetailRow } from '../ui/detail-row';
import { MailKey } from './mail-key';
import { MailKindBadge } from './mail-kind-badge';
import { MailStatus } from './mail-status';

const Row = ({ term, children }: { term: string; children: ReactNode }) => (
  <DetailRow term={term} termWidth="quarter">
    {children}
  </DetailRow>
);

/** The envelope of one message: who it is from and to, when, where it went, and what it is about. */
export function MailHeaders({ message, from }: { message: MailMessageDetails; from: string }) {
  return (
    <DetailList id="mail-headers-title" title="Message">
      <Row term="From">{from}</Row>
      <Row term="To">{message.toAddress}</Row>
      <Row term="Queued">
        <DateTime value={message.createdAt} />
      </Row>
      {message.sentAt && (
        <Row term="Sent">
          <DateTime value={message.sentAt} />
        </Row>
      )}
      <Row term="Status">
        <MailStatus {...message} />
        {message.providerId && <span className="block font-mono text-xs text-slate-500">Resend id {message.providerId}</span>}
      </Row>
      <Row term="Kind">
        <MailKindBadge kind={message.kind} />
      </Row>
      <Row term="API key">
        <MailKey message={message} linked />
      </Row>
    </DetailList>
  );
}
