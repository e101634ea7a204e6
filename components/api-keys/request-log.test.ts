import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RequestLogRow } from '@/db/queries/request-log';
import { OUTCOME_FILTERS, type OutcomeFilter } from '@/lib/api-keys/outcomes';
import { RequestLog, type LogTarget } from './request-log';

const hrefFor = ({ filter, before, after, oldest }: LogTarget) =>
  `/keys/k1?range=30d${filter === 'all' ? '' : `&outcome=${filter}`}${before ? `&before=${before}` : ''}${after ? `&after=${after}` : ''}${oldest ? '&from=oldest' : ''}`;
type Props = { rows?: RequestLogRow[]; recent: number; newer?: string | null; older?: string | null; paged?: boolean; filter?: OutcomeFilter };
const render = (props: Props) =>
  renderToStaticMarkup(createElement(RequestLog, { keyId: 'k1', rows: [], newer: null, older: null, paged: false, filter: 'all', hrefFor, ...props }));
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
const attr = (attrs: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(attrs)?.[1]?.replaceAll('&amp;', '&');
const allLinks = (html: string) =>
  [...html.matchAll(/<a ([^>]*)>(.*?)<\/a>/g)].map(([, attrs, inner]) => ({ text: textOf(inner).trim(), href: attr(attrs, 'href'), rel: attr(attrs, 'rel') }));
const detailPath = '/admin/integration-center/api-keys/k1/requests/';
/** The log's own links: paging and empty states, not the rows' links to their detail views. */
const links = (html: string) => allLinks(html).filter((link) => !link.href?.startsWith(detailPath));
const forms = (html: string) => [...html.matchAll(/<form ([^>]*)>/g)].map((m) => m[1]);

const row = (id: number, outcome: string, status: number): RequestLogRow => ({
  id,
  requestId: `0b7e4e3a-5f0c-4a51-9a4e-00000000000${id}`,
  at: new Date(Date.UTC(2031, 2, 15, 10, 5, id)),
  method: 'POST',
  path: '/api/v1/feedback',
  status,
  outcome,
  ip: '192.0.2.7',
  userAgent: 'zapier/1.0',
  integrationName: id === 2 ? 'Zapier' : null,
  latencyMs: 1234,
});

describe('RequestLog', () => {
  beforeAll(() => vi.useFakeTimers({ now: new Date('2031-03-15T10:10:00Z'), toFake: ['Date'] }));
  afterAll(() => vi.useRealTimers());

  it('shows each request in the order given, with its outcome label', () => {
    const html = render({ rows: [row(2, 'ok', 201), row(1, 'ip_not_allowed', 403)], recent: 2 });
    const text = textOf(html);
    expect(text).toContain('2 requests in the last 30 days, newest first');
    expect(text).toMatch(/5 minutes ago \(15 Mar 2031, 10:05:02 UTC\) POST \/api\/v1\/feedback 201 Allowed 192\.0\.2\.7 Zapier zapier\/1\.0 1,234 ms/);
    expect(text).toMatch(/5 minutes ago \(15 Mar 2031, 10:05:01 UTC\) POST \/api\/v1\/feedback 403 IP not allowed 192\.0\.2\.7 zapier\/1\.0 1,234 ms/);
    expect(html).not.toContain('Request log pages');
  });

  it('links every request to its detail view, and finds one by a pasted request id', () => {
    const html = render({ rows: [row(2, 'ok', 201), row(1, 'ip_not_allowed', 403)], recent: 2 });
    expect(allLinks(html).filter((link) => link.href?.startsWith(detailPath))).toEqual([
      { text: 'POST /api/v1/feedback', href: `${detailPath}0b7e4e3a-5f0c-4a51-9a4e-000000000002`, rel: undefined },
      { text: 'POST /api/v1/feedback', href: `${detailPath}0b7e4e3a-5f0c-4a51-9a4e-000000000001`, rel: undefined },
    ]);
    const find = forms(html)[0];
    expect([attr(find, 'method'), attr(find, 'action'), attr(find, 'role')]).toEqual(['get', '/admin/integration-center/api-keys/k1/requests', 'search']);
    expect(html).toMatch(/<label[^>]*for="find-request-id"[^>]*>Find a request by ID<\/label><input id="find-request-id" type="search"[^>]* name="requestId"\/>/);
  });

  it('filters with a GET form that keeps the other parameters of the page', () => {
    const html = render({ rows: [row(1, 'key_disabled', 401)], recent: 1, filter: 'key_disabled', older: 'c0' });
    const form = forms(html)[1];
    expect([attr(form, 'method'), attr(form, 'action')]).toEqual(['get', '/keys/k1']);
    expect(html).toContain('<input type="hidden" name="range" value="30d"/>');
    expect(html).toMatch(/<label for="request-log-outcome"[^>]*>Outcome<\/label><select id="request-log-outcome" name="outcome"/);
    expect(html).toContain('<option value="key_disabled" selected="">Key disabled</option>');
    expect(html.match(/<option /g)).toHaveLength(OUTCOME_FILTERS.length);
    expect(html).toMatch(/<button type="submit"[^>]*>Filter<\/button>/);
    expect(textOf(html)).toContain('1 request denied with “Key disabled” in the last 30 days');
  });

  it('pages with Newer and Older links carrying a cursor, and Newest and Oldest, for the same filter', () => {
    const rows = [row(1, 'ok', 200)];
    const middle = render({ rows, recent: 60, newer: 'n1', older: 'o1', paged: true, filter: 'denied' });
    expect(textOf(middle)).not.toMatch(/Page \d/);
    expect(links(middle)).toEqual([
      { text: 'Newest', href: '/keys/k1?range=30d&outcome=denied', rel: undefined },
      { text: 'Newer', href: '/keys/k1?range=30d&outcome=denied&after=n1', rel: 'prev' },
      { text: 'Older', href: '/keys/k1?range=30d&outcome=denied&before=o1', rel: 'next' },
      { text: 'Oldest', href: '/keys/k1?range=30d&outcome=denied&from=oldest', rel: undefined },
    ]);

    const newest = render({ rows, recent: 60, older: 'o1' });
    expect(links(newest)).toEqual([
      { text: 'Older', href: '/keys/k1?range=30d&before=o1', rel: 'next' },
      { text: 'Oldest', href: '/keys/k1?range=30d&from=oldest', rel: undefined },
    ]);
    expect(newest).toMatch(/<span aria-disabled="true"[^>]*>.*Newest<\/span>/);
    expect(newest).toMatch(/<span aria-disabled="true"[^>]*>.*Newer<\/span>/);

    const oldest = render({ rows, recent: 60, newer: 'n1', paged: true });
    expect(links(oldest)).toEqual([
      { text: 'Newest', href: '/keys/k1?range=30d', rel: undefined },
      { text: 'Newer', href: '/keys/k1?range=30d&after=n1', rel: 'prev' },
    ]);

    expect(render({ rows, recent: 1 })).not.toContain('Request log pages');
  });

  it('has an empty state for each filter, and one for a page past either end', () => {
    expect(textOf(render({ recent: 0 }))).toContain('No requests yet');
    expect(textOf(render({ recent: 0, filter: 'allowed' }))).toContain('No allowed requests');
    expect(textOf(render({ recent: 0, filter: 'denied' }))).toContain('No denied requests');
    const code = render({ recent: 0, filter: 'ip_not_allowed' });
    expect(textOf(code)).toContain('No requests denied with “IP not allowed”');
    expect(links(code)).toEqual([{ text: 'Show all requests', href: '/keys/k1?range=30d', rel: undefined }]);
    const past = render({ recent: 30, paged: true, filter: 'denied' });
    expect(textOf(past)).toContain('No requests on this page');
    expect(links(past)).toEqual([{ text: 'Go to the newest requests', href: '/keys/k1?range=30d&outcome=denied', rel: undefined }]);
  });
});
