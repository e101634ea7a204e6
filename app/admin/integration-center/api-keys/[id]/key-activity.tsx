import { IntegrationsSeen } from '@/components/api-keys/integrations-seen';
import { RequestLog, type LogTarget } from '@/components/api-keys/request-log';
import { UsageChart } from '@/components/api-keys/usage-chart';
import { CardSkeleton } from '@/components/page-skeleton';
import { Streamed, TableSkeleton } from '@/components/ui/skeleton';
import { integrationsSeen, usageSeries } from '@/db/queries/api-usage';
import { requestLog } from '@/db/queries/request-log';
import type { OutcomeFilter } from '@/lib/api-keys/outcomes';
import type { LogPosition } from '@/lib/request-log-cursor';
import type { UsageRange } from '@/lib/usage-ranges';

type Scope = { apiKeyId: string; communityId: string };
/** The key page's view: the chart's range, the log's filter and page. */
export type ActivityView = { range: UsageRange; filter: OutcomeFilter; position: LogPosition };
/** The key page's URL showing another view; a new range or filter starts the log at its newest page. */
export type ViewHref = (next: { range?: UsageRange; outcome?: OutcomeFilter; before?: string; after?: string; oldest?: boolean }) => string;

async function Usage({ scope, range, href }: { scope: Scope; range: UsageRange; href: ViewHref }) {
  const series = await usageSeries({ ...scope, range });
  return <UsageChart series={series} range={range} rangeHref={(next: UsageRange) => href({ range: next })} />;
}

async function Integrations({ scope }: { scope: Scope }) {
  return <IntegrationsSeen items={await integrationsSeen({ ...scope })} />;
}

async function Log({ scope, filter, position, href }: { scope: Scope; filter: OutcomeFilter; position: LogPosition; href: ViewHref }) {
  const log = await requestLog({ ...scope, filter, position });
  return (
    <RequestLog
      keyId={scope.apiKeyId}
      rows={log.rows}
      recent={log.recent}
      newer={log.newer}
      older={log.older}
      // A page reached by Newer or Older (not the newest, nor the oldest: an empty one there means an empty log).
      paged={position !== null && !('oldest' in position)}
      filter={filter}
      hrefFor={(next: LogTarget) => href({ outcome: next.filter, before: next.before, after: next.after, oldest: next.oldest })}
    />
  );
}

/**
 * What the key has been doing: the usage chart, the integrations seen and the request log, read
 * here beside the page (components take data, not queries). Each streams in behind its own
 * skeleton once the page's header, actions and details are on screen.
 * The boundaries have no key on purpose: a new range, filter or log page is a navigation that
 * keeps what is shown until the new view is ready, so the link just used keeps focus and the
 * log's count (a live region) is updated and read out, not replaced.
 */
export function KeyActivity({ scope, view, href }: { scope: Scope; view: ActivityView; href: ViewHref }) {
  const { range, filter, position } = view;
  return (
    <>
      <Streamed label="Loading usage…" skeleton={<CardSkeleton className="h-72" />}>
        <Usage scope={scope} range={range} href={href} />
      </Streamed>
      <Streamed label="Loading the integrations seen…" skeleton={<TableSkeleton rows={3} />}>
        <Integrations scope={scope} />
      </Streamed>
      <Streamed label="Loading the request log…" skeleton={<TableSkeleton rows={8} />}>
        <Log scope={scope} filter={filter} position={position} href={href} />
      </Streamed>
    </>
  );
}
