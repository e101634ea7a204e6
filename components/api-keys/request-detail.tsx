import type { RequestDetail } from '@/db/queries/request-detail';
import { describeOutcome } from '@/lib/api-keys/outcomes';
import { requestAnswer } from '@/lib/api-keys/request-answer';
import { formatCount } from '@/lib/format';
import { Badge } from '../ui/badge';
import { DateTime } from '../ui/date-time';
import { DetailList, DetailRow } from '../ui/detail-row';

const unknown = (text: string) => <span className="text-slate-500">{text}</span>;

/** One recorded request, everything the log keeps of it, and what the API told the caller. */
export function RequestDetailList({ request }: { request: RequestDetail }) {
  const outcome = describeOutcome(request.outcome);
  return (
    <DetailList id="request-title" title="Request">
      <DetailRow term="Request ID">
        <span className="font-mono text-xs">{request.requestId}</span>
      </DetailRow>
      <DetailRow term="Time">
        <DateTime value={request.at} />
      </DetailRow>
      <DetailRow term="Request">
        <span className="font-mono text-xs font-semibold">{request.method}</span> <span className="break-all font-mono text-xs">{request.path}</span>
      </DetailRow>
      <DetailRow term="Status">
        <span className="font-mono text-xs tabular-nums">{request.status}</span>
      </DetailRow>
      <DetailRow term="Outcome">
        <Badge tone={outcome.tone}>{outcome.label}</Badge>
      </DetailRow>
      <DetailRow term="Error returned">{requestAnswer(request.outcome)}</DetailRow>
      <DetailRow term="IP address">{request.ip ? <span className="font-mono text-xs">{request.ip}</span> : unknown('Unknown')}</DetailRow>
      <DetailRow term="Integration">{request.integrationName ?? unknown('Not named')}</DetailRow>
      <DetailRow term="User agent">{request.userAgent ? <span className="font-mono text-xs">{request.userAgent}</span> : unknown('None sent')}</DetailRow>
      <DetailRow term="Latency">{formatCount(request.latencyMs)} ms</DetailRow>
    </DetailList>
  );
}
