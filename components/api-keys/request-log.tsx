import Link from 'next/link';
import { ChevronLeft, ChevronRight, ScrollText } from 'lucide-react';
import type { RequestLogRow } from '@/db/queries/api-usage';
import { describeOutcome, OUTCOME_FILTERS, outcomeFilterLabel, type OutcomeFilter } from '@/lib/api-keys/outcomes';
import { cn } from '@/lib/cn';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { controlClass } from '../ui/input';

type HrefFor = (target: { page: number; filter: OutcomeFilter }) => string;

// Seconds matter when matching a log line to an integration's own logs.
const timeFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });

const SUMMARY_FILTERS: OutcomeFilter[] = ['all', 'allowed', 'denied'];
const CODE_FILTERS = OUTCOME_FILTERS.filter((filter) => !SUMMARY_FILTERS.includes(filter));

const pagerClass = 'inline-flex items-center gap-1 rounded-md px-3 py-1.5 text-sm font-semibold ring-1 ring-inset ring-slate-300';

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
  const { action, keep } = formTarget(hrefFor({ page: 1, filter: 'all' }));
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
          <optgroup label="Summary">
            {SUMMARY_FILTERS.map((option) => (
              <option key={option} value={option}>
                {outcomeFilterLabel(option)}
              </option>
            ))}
          </optgroup>
          <optgroup label="Denied with">
            {CODE_FILTERS.map((option) => (
              <option key={option} value={option}>
                {outcomeFilterLabel(option)}
              </option>
            ))}
          </optgroup>
        </select>
      </div>
      <Button type="submit" variant="secondary" className="py-1.5">
        Filter
      </Button>
    </form>
  );
}

function EmptyState({ filter, page, totalPages, hrefFor, total }: { filter: OutcomeFilter; page: number; totalPages: number; hrefFor: HrefFor; total: number }) {
  // A stale link can point past the end: say so and offer the last page rather than "no requests".
  if (total > 0) {
    return (
      <div className="px-4 py-10 text-center text-sm">
        <p className="font-medium text-slate-900">There is no page {page.toLocaleString('en')}</p>
        <Link href={hrefFor({ page: totalPages, filter })} className="mt-2 inline-block font-medium text-brand-700 hover:underline">
          Go to the last page ({totalPages.toLocaleString('en')})
        </Link>
      </div>
    );
  }
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
        <Link href={hrefFor({ page: 1, filter: 'all' })} className="mt-2 inline-block font-medium text-brand-700 hover:underline">
          Show all requests
        </Link>
      )}
    </div>
  );
}

function Pager({ page, totalPages, filter, hrefFor }: { page: number; totalPages: number; filter: OutcomeFilter; hrefFor: HrefFor }) {
  const previous = page > 1 ? page - 1 : null;
  const next = page < totalPages ? page + 1 : null;
  return (
    <nav aria-label="Request log pages" className="flex items-center justify-between gap-3 border-t border-slate-200 px-4 py-3">
      {previous ? (
        <Link href={hrefFor({ page: previous, filter })} rel="prev" className={cn(pagerClass, 'bg-white text-slate-900 hover:bg-slate-50')}>
          <ChevronLeft aria-hidden className="size-4" /> Previous
        </Link>
      ) : (
        <span aria-disabled="true" className={cn(pagerClass, 'cursor-not-allowed text-slate-400')}>
          <ChevronLeft aria-hidden className="size-4" /> Previous
        </span>
      )}
      <p className="text-sm text-slate-600 tabular-nums">
        Page {page.toLocaleString('en')} of {totalPages.toLocaleString('en')}
      </p>
      {next ? (
        <Link href={hrefFor({ page: next, filter })} rel="next" className={cn(pagerClass, 'bg-white text-slate-900 hover:bg-slate-50')}>
          Next <ChevronRight aria-hidden className="size-4" />
        </Link>
      ) : (
        <span aria-disabled="true" className={cn(pagerClass, 'cursor-not-allowed text-slate-400')}>
          Next <ChevronRight aria-hidden className="size-4" />
        </span>
      )}
    </nav>
  );
}

function LogTable({ rows }: { rows: RequestLogRow[] }) {
  return (
    // Focusable, so keyboard users can scroll the table sideways on a narrow screen.
    <div tabIndex={0} role="region" aria-label="Request log table" className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
        <caption className="sr-only">Requests made with this key, newest first, times in UTC</caption>
        <thead className="bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-3">Time (UTC)</th>
            <th scope="col" className="px-4 py-3">Request</th>
            <th scope="col" className="px-4 py-3">Outcome</th>
            <th scope="col" className="px-4 py-3">IP</th>
            <th scope="col" className="px-4 py-3">Integration</th>
            <th scope="col" className="px-4 py-3 text-right">Latency</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => {
            const outcome = describeOutcome(row.outcome);
            return (
              <tr key={row.id} className="align-top">
                <td className="whitespace-nowrap px-4 py-3 text-slate-600">
                  <time dateTime={row.at.toISOString()}>{timeFormat.format(row.at)}</time>
                </td>
                <td className="min-w-48 px-4 py-3">
                  <span className="font-mono text-xs font-semibold text-slate-900">{row.method}</span>{' '}
                  <span className="break-all font-mono text-xs text-slate-700">{row.path}</span>
                </td>
                <td className="whitespace-nowrap px-4 py-3">
                  <span className="mr-2 font-mono text-xs text-slate-600 tabular-nums">{row.status}</span>
                  <Badge tone={outcome.tone}>{outcome.label}</Badge>
                </td>
                <td className="whitespace-nowrap px-4 py-3 font-mono text-xs text-slate-700">{row.ip ?? <span className="font-sans text-slate-500">Unknown</span>}</td>
                <td className="px-4 py-3">
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
                </td>
                <td className="whitespace-nowrap px-4 py-3 text-right text-slate-600 tabular-nums">{row.latencyMs.toLocaleString('en')} ms</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function countText(total: number, filter: OutcomeFilter): string {
  const requests = `${total.toLocaleString('en')} ${total === 1 ? 'request' : 'requests'}`;
  if (filter === 'all') return requests;
  if (filter === 'allowed' || filter === 'denied') return `${total.toLocaleString('en')} ${filter} ${total === 1 ? 'request' : 'requests'}`;
  return `${requests} denied with “${outcomeFilterLabel(filter)}”`;
}

/**
 * The key's requests, newest first, a page at a time, filtered by outcome. Links and the filter
 * form are plain GET requests built by `hrefFor` (which must carry the filter as `?outcome=`),
 * so the log works without JavaScript and every view has its own URL.
 */
export function RequestLog({
  rows,
  total,
  page,
  pageSize,
  filter,
  hrefFor,
}: {
  rows: RequestLogRow[];
  total: number;
  page: number;
  pageSize: number;
  filter: OutcomeFilter;
  hrefFor: HrefFor;
}) {
  const totalPages = Math.max(1, Math.ceil(total / Math.max(1, pageSize)));
  return (
    <section aria-labelledby="request-log-heading" className="overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-col gap-3 border-b border-slate-200 px-4 py-4 sm:flex-row sm:items-end sm:justify-between sm:px-6">
        <div>
          <h2 id="request-log-heading" className="font-semibold text-slate-900">
            Request log
          </h2>
          <p className="mt-0.5 text-sm text-slate-600" aria-live="polite">
            {countText(total, filter)}, newest first
          </p>
        </div>
        <FilterForm filter={filter} hrefFor={hrefFor} />
      </div>
      {rows.length > 0 ? (
        <LogTable rows={rows} />
      ) : (
        <EmptyState filter={filter} page={page} totalPages={totalPages} total={total} hrefFor={hrefFor} />
      )}
      {totalPages > 1 && page <= totalPages && <Pager page={page} totalPages={totalPages} filter={filter} hrefFor={hrefFor} />}
    </section>
  );
}
