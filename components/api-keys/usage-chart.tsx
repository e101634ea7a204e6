import Link from 'next/link';
import { BarChart3 } from 'lucide-react';
import type { UsageBucket } from '@/db/queries/api-usage';
import { USAGE_GROUP_KEYS, USAGE_GROUPS, type UsageGroup } from '@/lib/api-keys/outcomes';
import { cn } from '@/lib/cn';
import { formatCount, formatInUtc, plural, type UtcStyle } from '@/lib/format';
import { USAGE_RANGE_VALUES, USAGE_RANGES, type UsageRange } from '@/lib/usage-ranges';
import { Card } from '../ui/card';
import { Table, TableBody, TableCell, TableRow, TableRowHeader } from '../ui/table';

// Every `step`-th bucket is labelled, counted back from the newest so "now" always has a label;
// phones get half as many labels as wider screens.
const AXIS = {
  '24h': { unit: 'hour', short: 'time', full: 'dateTime', step: 3 },
  '7d': { unit: 'day', short: 'dayMonth', full: 'weekdayDate', step: 1 },
  '30d': { unit: 'day', short: 'dayMonth', full: 'weekdayDate', step: 5 },
} as const satisfies Record<UsageRange, { unit: string; short: UtcStyle; full: UtcStyle; step: number }>;

/** A round top for the scale, close above `max`, whose half (the middle gridline) is a whole number too. */
function niceScale(max: number): number {
  const half = Math.max(1, max / 2);
  const magnitude = 10 ** Math.floor(Math.log10(half));
  const step = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5, 8, 10].map((f) => f * magnitude).find((s) => s >= half && Number.isInteger(s)) as number;
  return 2 * step;
}

function RangeSwitcher({ range, rangeHref }: { range: UsageRange; rangeHref: (range: UsageRange) => string }) {
  return (
    <nav aria-label="Usage period">
      <ul className="inline-flex rounded-md bg-white shadow-sm ring-1 ring-inset ring-slate-300">
        {USAGE_RANGE_VALUES.map((option, index) => {
          const current = option === range;
          return (
            <li key={option} className={index > 0 ? 'border-l border-slate-300' : undefined}>
              <Link
                href={rangeHref(option)}
                scroll={false}
                aria-current={current ? 'page' : undefined}
                className={cn(
                  'block px-3 py-1.5 text-sm font-medium',
                  index === 0 && 'rounded-l-md',
                  index === USAGE_RANGE_VALUES.length - 1 && 'rounded-r-md',
                  current ? 'bg-brand-50 text-brand-700' : 'text-slate-700 hover:bg-slate-50',
                )}
              >
                {USAGE_RANGES[option].label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

// Each group's colour; the bars stack them in this order from the bottom, allowed first.
const SWATCH = { allowed: 'bg-brand-600', refused: 'bg-red-500', client_error: 'bg-amber-400', server_error: 'bg-slate-400' } as const satisfies Record<UsageGroup, string>;

const totalOf = (bucket: Omit<UsageBucket, 'start'>) => USAGE_GROUP_KEYS.reduce((sum, group) => sum + bucket[group], 0);

/** "5 allowed, 2 refused by the key’s rules, 1 client error": every group, or allowed and those with requests. */
function groupCounts(counts: Record<UsageGroup, number>, { skipZero = false } = {}): string {
  return USAGE_GROUP_KEYS.filter((group) => !skipZero || group === 'allowed' || counts[group] > 0)
    .map((group) => plural(counts[group], USAGE_GROUPS[group].one, USAGE_GROUPS[group].many))
    .join(', ');
}

function Legend() {
  return (
    <ul aria-label="Chart legend" className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
      {USAGE_GROUP_KEYS.map((group) => (
        <li key={group} className="flex items-center gap-1.5">
          <span aria-hidden className={cn('size-2.5 rounded-sm', SWATCH[group])} /> {USAGE_GROUPS[group].label}
        </li>
      ))}
    </ul>
  );
}

function Bars({ series, range, scale }: { series: UsageBucket[]; range: UsageRange; scale: number }) {
  const axis = AXIS[range];
  const last = series.length - 1;
  return (
    <div className="flex gap-2">
      <div aria-hidden className="flex h-40 w-8 shrink-0 flex-col justify-between text-right text-[11px] leading-none text-slate-500 tabular-nums">
        <span>{formatCount(scale)}</span>
        <span>{formatCount(scale / 2)}</span>
        <span>0</span>
      </div>
      <div className="min-w-0 flex-1">
        <div className="relative h-40 border-b border-slate-300">
          <div aria-hidden className="absolute inset-x-0 top-0 border-t border-dashed border-slate-200" />
          <div aria-hidden className="absolute inset-x-0 top-1/2 border-t border-dashed border-slate-200" />
          <div className="relative flex h-full items-end gap-px sm:gap-0.5">
            {series.map((bucket) => {
              const total = totalOf(bucket);
              return (
                <div
                  key={bucket.start.toISOString()}
                  title={`${formatInUtc(bucket.start, axis.full)}: ${groupCounts(bucket)}`}
                  className="flex h-full min-w-0 flex-1 items-end"
                >
                  {total > 0 && (
                    <div className="flex min-h-0.5 w-full flex-col-reverse overflow-hidden rounded-t-sm" style={{ height: `${(total / scale) * 100}%` }}>
                      {USAGE_GROUP_KEYS.map((group) => (
                        <div key={group} className={SWATCH[group]} style={{ flexGrow: bucket[group] }} />
                      ))}
                    </div>
                  )}
                </div>
              );
            })}
          </div>
        </div>
        <div aria-hidden className="relative mt-1 h-4 text-[11px] leading-4 text-slate-500">
          {series.map((bucket, index) => {
            const fromEnd = last - index;
            if (fromEnd % axis.step !== 0) return null;
            // The newest label is right-aligned so it never hangs past the chart; the others centre on their bar.
            const position = index === last ? { right: 0 } : { left: `${((index + 0.5) / series.length) * 100}%`, transform: 'translateX(-50%)' };
            return (
              <span
                key={bucket.start.toISOString()}
                className={cn('absolute whitespace-nowrap', fromEnd % (axis.step * 2) !== 0 && 'max-sm:hidden')}
                style={position}
              >
                {formatInUtc(bucket.start, axis.short)}
              </span>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function DataTable({ series, range }: { series: UsageBucket[]; range: UsageRange }) {
  const axis = AXIS[range];
  return (
    <details className="mt-4 text-sm">
      <summary className="cursor-pointer font-medium text-slate-700 hover:text-slate-900">Show the numbers as a table</summary>
      <Table label="Usage numbers" caption={`Requests per ${axis.unit} over the last ${USAGE_RANGES[range].label}, oldest first, times in UTC`} className="mt-2 max-h-72 overflow-y-auto rounded-md ring-1 ring-slate-200"
        columns={[{ label: `${axis.unit} (UTC)`, className: 'capitalize' }, ...USAGE_GROUP_KEYS.map((group) => ({ label: USAGE_GROUPS[group].label, className: 'text-right' }))]}
        stack={false}
        compactHeader
        headerClassName="sticky top-0"
      >
        <TableBody>
          {series.map((bucket) => (
            <TableRow key={bucket.start.toISOString()}>
              <TableRowHeader compact className="whitespace-nowrap font-normal text-slate-700">
                <time dateTime={bucket.start.toISOString()}>{formatInUtc(bucket.start, axis.full)}</time>
              </TableRowHeader>
              {USAGE_GROUP_KEYS.map((group) => (
                <TableCell key={group} compact className="text-right tabular-nums">
                  {formatCount(bucket[group])}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </details>
  );
}

/**
 * Requests per hour or day, allowed (brand) stacked under those refused by the key's rules (red),
 * client errors (amber) and server errors (slate). Plain divs, no chart
 * library; screen readers get a one-sentence summary and the same numbers as a table.
 */
export function UsageChart({
  series,
  range,
  rangeHref,
}: {
  series: UsageBucket[];
  range: UsageRange;
  /** The URL of this page showing another range. */
  rangeHref: (range: UsageRange) => string;
}) {
  const sums = Object.fromEntries(USAGE_GROUP_KEYS.map((group) => [group, series.reduce((sum, bucket) => sum + bucket[group], 0)])) as Record<UsageGroup, number>;
  const total = totalOf(sums);
  const busiest = series.reduce<UsageBucket | null>((top, bucket) => (!top || totalOf(bucket) > totalOf(top) ? bucket : top), null);
  const busiestTotal = busiest ? totalOf(busiest) : 0;
  const axis = AXIS[range];
  const period = `the last ${USAGE_RANGES[range].label}`;
  // Server errors are rare and not the key's doing: named only when there were some.
  const totals = `${plural(total, 'request')}: ${groupCounts(sums, { skipZero: true })}`;

  return (
    <Card aria-labelledby="usage-chart-heading">
      <div className="mb-4 flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div>
          <h2 id="usage-chart-heading" className="font-semibold text-slate-900">
            Usage
          </h2>
          <p className="mt-0.5 text-sm text-slate-600">
            <span className="font-medium text-slate-900">{totals}</span> in {period} (UTC)
          </p>
        </div>
        <RangeSwitcher range={range} rangeHref={rangeHref} />
      </div>

      {total === 0 ? (
        <div className="rounded-md border border-dashed border-slate-300 px-4 py-10 text-center">
          <BarChart3 aria-hidden className="mx-auto size-8 text-slate-400" />
          <p className="mt-2 font-medium text-slate-900">No requests yet</p>
          <p className="mt-1 text-sm text-slate-600">Nothing has called the API with this key in {period}.</p>
        </div>
      ) : (
        <>
          <div
            role="img"
            aria-label={`Bar chart of requests per ${axis.unit} in ${period}: ${groupCounts(sums)}. Busiest ${axis.unit}: ${busiest ? formatInUtc(busiest.start, axis.full) : ''}, ${plural(busiestTotal, 'request')}. Times in UTC.`}
          >
            <Bars series={series} range={range} scale={niceScale(busiestTotal)} />
          </div>
          <div className="mt-3">
            <Legend />
          </div>
          <DataTable series={series} range={range} />
        </>
      )}
    </Card>
  );
}
