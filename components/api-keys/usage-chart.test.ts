import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { UsageBucket } from '@/db/queries/api-usage';
import type { UsageRange } from '@/lib/usage-ranges';
import { UsageChart } from './usage-chart';

const render = (series: UsageBucket[], range: UsageRange = '7d') =>
  renderToStaticMarkup(createElement(UsageChart, { series, range, rangeHref: (r) => `/keys/k1?range=${r}` }));
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
type Counts = [allowed: number, refused: number, clientErrors: number, serverErrors: number];
const days = (counts: Counts[]) =>
  counts.map(([allowed, refused, client_error, server_error], i) => ({ start: new Date(Date.UTC(2031, 2, 9 + i)), allowed, refused, client_error, server_error }));
const none: Counts = [0, 0, 0, 0];

describe('UsageChart', () => {
  it('sums the period, marks the current range, and offers the others as links', () => {
    const html = render(days([[1000, 8, 2, 0], none, [222, 2, 0, 0], none, none, none, none]));
    // Server errors are named only when there were some.
    expect(textOf(html)).toContain('1,234 requests: 1,222 allowed, 10 refused by the key’s rules, 2 client errors in the last 7 days');
    expect(html).toMatch(/<a aria-current="page"[^>]*href="\/keys\/k1\?range=7d">7 days<\/a>/);
    expect(html).toMatch(/<a class="[^"]*" href="\/keys\/k1\?range=24h">24 hours<\/a>/);
    expect(html).toMatch(/<a class="[^"]*" href="\/keys\/k1\?range=30d">30 days<\/a>/);
    expect(html.match(/aria-current/g)).toHaveLength(1);
  });

  it('describes the chart in words and gives every bucket as a table row', () => {
    const html = render(days([[3, 1, 0, 0], none, [5, 0, 0, 0], none, none, none, [0, 0, 1, 1]]));
    expect(html).toContain(
      'role="img" aria-label="Bar chart of requests per day in the last 7 days: 8 allowed, 1 refused by the key’s rules, 1 client error, 1 server error. Busiest day: Tue, 11 Mar 2031, 5 requests.',
    );
    expect(textOf(html)).toContain('11 requests: 8 allowed, 1 refused by the key’s rules, 1 client error, 1 server error');
    const headers = [...html.matchAll(/<th scope="col"[^>]*>([^<]+)<\/th>/g)].map((m) => m[1]);
    expect(headers).toEqual(['day (UTC)', 'Allowed', 'Refused by the key’s rules', 'Client errors', 'Server errors']);
    const rows = [...html.matchAll(/<tr[^>]*><th scope="row"[^>]*><time[^>]*>([^<]+)<\/time><\/th>((?:<td[^>]*>\d+<\/td>)+)<\/tr>/g)].map((m) => [m[1], ...[...m[2].matchAll(/>(\d+)</g)].map((n) => n[1])]);
    expect(rows).toEqual([
      ['Sun, 9 Mar 2031', '3', '1', '0', '0'],
      ['Mon, 10 Mar 2031', '0', '0', '0', '0'],
      ['Tue, 11 Mar 2031', '5', '0', '0', '0'],
      ['Wed, 12 Mar 2031', '0', '0', '0', '0'],
      ['Thu, 13 Mar 2031', '0', '0', '0', '0'],
      ['Fri, 14 Mar 2031', '0', '0', '0', '0'],
      ['Sat, 15 Mar 2031', '0', '0', '1', '1'],
    ]);
    const legend = [...html.matchAll(/<li class="flex items-center gap-1.5"><span aria-hidden="true" class="[^"]*"><\/span> ([^<]+)<\/li>/g)].map((m) => m[1]);
    expect(legend).toEqual(['Allowed', 'Refused by the key’s rules', 'Client errors', 'Server errors']);
  });

  it('labels hourly buckets by UTC hour, the newest always', () => {
    const series = Array.from({ length: 24 }, (_, i) => ({ start: new Date(Date.UTC(2031, 2, 14, 11 + i)), allowed: 1, refused: 0, client_error: 0, server_error: 0 }));
    const labels = [...render(series, '24h').matchAll(/<span class="absolute whitespace-nowrap[^"]*" style="[^"]*">([^<]+)<\/span>/g)].map((m) => m[1]);
    expect(labels.at(-1)).toBe('10:00');
    expect(labels).toEqual(['13:00', '16:00', '19:00', '22:00', '01:00', '04:00', '07:00', '10:00']);
  });

  it('says so when the key was not used in the period', () => {
    const html = render(days(Array.from({ length: 7 }, () => none)));
    expect(textOf(html)).toContain('No requests yet');
    expect(textOf(html)).toContain('0 requests: 0 allowed in');
    expect(html).not.toContain('role="img"');
    expect(html).toContain('href="/keys/k1?range=30d"');
  });
});
