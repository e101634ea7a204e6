import Link from 'next/link';
import { ScrollText } from 'lucide-react';
import type { RequestLogRow } from '@/db/queries/request-log';
import { describeOutcome, OUTCOME_FILTERS, outcomeFilterLabel, type OutcomeFilter } from '@/lib/api-keys/outcomes';
import { cn } from '@/lib/cn';
import { formatCount, plural } from '@/lib/format';
import { routes } from '@/lib/routes';
import { CursorPagination } from '../cursor-pagination';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { DateTime } from '../ui/date-time';
import { controlClass } from '../ui/input';
import { Table, TableBody, TableCell, TableRow } from '../ui/table';
import { FindRequestForm } from './find-request-form';

/** A view of the log: its filter, and the page's cursor (`before` a row: older; `after`: newer) or the oldest page; none is the newest page. */
export type LogTarget = { filter: OutcomeFilter; before?: string; after?: string; oldest?: boolean };
type HrefFor = (target: LogTarget) => string;

const SUMMARY_FILTERS: OutcomeFilter[] = ['all', 'allowed', 'denied'];
const CODE_FILTERS = OUTCOME_FILTERS.filter((filter) => !SUMMARY_FILTERS.includes(filter));
const FILTER_GROUPS = [
  ['Summary', SUMMARY_FILTERS],
  ['Denied with', CODE_FILTERS],
] as const;

/**
 * A GET form replaces the action's whole query string, so the page's other parameters (the
 * chart's range, say) travel as hidden fields; only `outcome` comes from the select.
 */
function formTarget(href: string): { action: string | undefined; keep: [string, string][] } {
  const hashAt = href.indexOf('#');
  const beforeHash = hashAt === -1 ? href : href.slice(0, hashAt);
  const queryAt = beforeHash.indexOf('?');
  const path = queryAt === -1 ? beforeHash : beforeHash.slice(0, queryAt);
  const params = new URLSearchParams(queryAt === -1 ? '' : beforeHash.slice(queryAt + 1));
  const action = path + (hashAt === -1 ? '' : href.slice(hashAt));
  return { action: action || undefined, keep: [...params].filter(([name]) => name !== 'outcome') };
}

function FilterForm({ filter, hrefFor }: { filter: OutcomeFilter; hrefFor: HrefFor }) {
  const { action, keep } = formTarget(hrefFor({ filter: 'all' }));
  return (
    <form method="get" action={action} className="flex items-end gap-2">
      {keep.map(([name, value]) => (
        <input key={`${name}=${value}`} type="hidden" name={name} value={value} />
      ))}
      <div className="min-w-0 flex-1 sm:w-56 sm:flex-none">
        <label htmlFor="request-log-outcome" className="mb-1 block text-sm font-medium text-slate-900">
          Outcome
        </label>
        <select id="request-log-outcome" name="outcome" defaultValue={filter} className={cn(controlClass, 'py-1.5 pr-8')}>
          {FILTER_GROUPS.map(([group, options]) => (
            <optgroup key={group} label={group}>
              {options.map((option) => (
                <option key={option} value={option}>
                  {outcomeFilterLabel(option)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <Button type="submit" variant="secondary" className="py-1.5">
        Filter
      </Button>
    </form>
  );
}

function EmptyState({ filter, hrefFor }: { filter: OutcomeFilter; hrefFor: HrefFor }) {
  const title =
    filter === 'all'
      ? 'No requests yet'
      : filter === 'allowed'
        ? 'No allowed requests'
        : filter === 'denied'
          ? 'No denied requests'
          : `No requests denied with “${outcomeFilterLabel(filter)}”`;
  return (
    <div className="px-4 py-10 text-center text-sm">
      <ScrollText aria-hidden className="mx-auto size-8 text-slate-400" />
      <p className="mt-2 font-medium text-slate-900">{title}</p>
      {filter === 'all' ? (
        <p className="mt-1 text-slate-600">Every call made with this key, allowed or denied, will be listed here.</p>
      ) : (
        <Link href={hrefFor({ filter: 'all' })} className="mt-2 inline-block font-medium text-brand-700 hover:underline">
          Show all requests
        </Link>
      )}
    </div>
  );
}

function LogTable({ keyId, rows }: { keyId: string; rows: RequestLogRow[] }) {
  return (
    <Table label="Request log table" caption="Requests made with this key, newest first" columns={['Time', 'Request', 'Outcome', 'IP', 'Integration', { label: 'Latency', className: 'text-right' }]}>
      <TableBody>
        {rows.map((row) => {
          const outcome = describeOutcome(row.outcome);
          return (
            <TableRow key={row.id}>
              <TableCell className="whitespace-nowrap text-slate-600">
                {/* The exact time, to the second, is on hover: it matches a log line to an integration's own logs. */}
                <DateTime value={row.at} />
              </TableCell>
              <TableCell className="min-w-48">
                {/* The request itself opens its detail view: the whole row's facts and the error returned. */}
                <Link href={routes.apiKeyRequest(keyId, row.requestId)} className="group font-mono text-xs hover:underline">
                  <span className="font-semibold text-slate-900">{row.method}</span> <span className="break-all text-brand-700 group-hover:text-brand-800">{row.path}</span>
                </Link>
              </TableCell>
              <TableCell className="whitespace-nowrap">
                <span className="mr-2 font-mono text-xs text-slate-600 tabular-nums">{row.status}</span>
                <Badge tone={outcome.tone}>{outcome.label}</Badge>
              </TableCell>
              <TableCell className="whitespace-nowrap font-mono text-xs text-slate-700">{row.ip ?? <span className="font-sans text-slate-500">Unknown</span>}</TableCell>
              <TableCell>
                {row.integrationName ? (
                  <span className="font-medium text-slate-900">{row.integrationName}</span>
                ) : (
                  !row.userAgent && <span className="text-slate-500">Not named</span>
                )}
                {row.userAgent && (
                  <span title={row.userAgent} className="block max-w-44 truncate font-mono text-xs text-slate-500">
                    {row.userAgent}
                  </span>
                )}
              </TableCell>
              <TableCell className="whitespace-nowrap text-right text-slate-600 tabular-nums">{formatCount(row.latencyMs)} ms</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

/** A stale link (rows retired since, say) can point past either end: say so and offer the newest page. */
function NothingHere({ filter, hrefFor }: { filter: OutcomeFilter; hrefFor: HrefFor }) {
  return (
    <div className="px-4 py-10 text-center text-sm">
      <p className="font-medium text-slate-900">No requests on this page</p>
      <Link href={hrefFor({ filter })} className="mt-2 inline-block font-medium text-brand-700 hover:underline">
        Go to the newest requests
      </Link>
    </div>
  );
}

function countText(recent: number, filter: OutcomeFilter): string {
  if (filter === 'all') return plural(recent, 'request');
  if (filter === 'allowed' || filter === 'denied') return plural(recent, `${filter} request`);
  return `${plural(recent, 'request')} denied with “${outcomeFilterLabel(filter)}”`;
}

/**
 * The key's requests, newest first, a page at a time, filtered by outcome. Links and the filter
 * form are plain GET requests built by `hrefFor` (which must carry the filter as `?outcome=`),
 * so the log works without JavaScript and every view has its own URL. Pages go by cursor
 * (`newer` / `older`, null at either end); the count is the last 30 days', never the whole
 * history's (db/queries/request-log.ts).
 */
export function RequestLog({
  keyId,
  rows,
  recent,
  newer,
  older,
  paged,
  filter,
  hrefFor,
}: {
  keyId: string;
  rows: RequestLogRow[];
  recent: number;
  newer: string | null;
  older: string | null;
  /** The view came from a Newer or Older link (not the newest page). */
  paged: boolean;
  filter: OutcomeFilter;
  hrefFor: HrefFor;
}) {
  return (
    <section aria-labelledby="request-log-heading" className="overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-col gap-3 border-b border-slate-200 px-4 py-4 sm:flex-row sm:items-end sm:justify-between sm:px-6">
        <div>
          <h2 id="request-log-heading" className="font-semibold text-slate-900">
            Request log
          </h2>
          <p className="mt-0.5 text-sm text-slate-600" aria-live="polite">
            {countText(recent, filter)} in the last 30 days, newest first
          </p>
        </div>
        <div className="flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-end">
          <FindRequestForm keyId={keyId} />
          <FilterForm filter={filter} hrefFor={hrefFor} />
        </div>
      </div>
      {rows.length > 0 ? (
        <LogTable keyId={keyId} rows={rows} />
      ) : paged ? (
        <NothingHere filter={filter} hrefFor={hrefFor} />
      ) : (
        <EmptyState filter={filter} hrefFor={hrefFor} />
      )}
      <CursorPagination
        newerHref={newer && hrefFor({ filter, after: newer })}
        olderHref={older && hrefFor({ filter, before: older })}
        newestHref={newer && hrefFor({ filter })}
        oldestHref={older && hrefFor({ filter, oldest: true })}
        label="Request log pages"
        className="border-t border-slate-200 px-4 py-3"
      />
    </section>
  );
}
