import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RequestLogRow } from '@/db/queries/api-usage';
import { OUTCOME_FILTERS, type OutcomeFilter } from '@/lib/api-keys/outcomes';
import { RequestLog } from './request-log';

const hrefFor = ({ page, filter }: { page: number; filter: OutcomeFilter }) =>
  `/keys/k1?range=30d${filter === 'all' ? '' : `&outcome=${filter}`}${page === 1 ? '' : `&page=${page}`}`;
const render = (props: { rows?: RequestLogRow[]; total: number; page?: number; filter?: OutcomeFilter }) =>
  renderToStaticMarkup(createElement(RequestLog, { rows: [], page: 1, pageSize: 25, filter: 'all', hrefFor, ...props }));
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
const attr = (attrs: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(attrs)?.[1]?.replaceAll('&amp;', '&');
const links = (html: string) =>
  [...html.matchAll(/<a ([^>]*)>(.*?)<\/a>/g)].map(([, attrs, inner]) => ({ text: textOf(inner).trim(), href: attr(attrs, 'href'), rel: attr(attrs, 'rel') }));

const row = (id: number, outcome: string, status: number): RequestLogRow => ({
  id,
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
    const html = render({ rows: [row(2, 'ok', 201), row(1, 'ip_not_allowed', 403)], total: 2 });
    const text = textOf(html);
    expect(text).toContain('2 requests, newest first');
    expect(text).toMatch(/5 minutes ago \(15 Mar 2031, 10:05:02 UTC\) POST \/api\/v1\/feedback 201 Allowed 192\.0\.2\.7 Zapier zapier\/1\.0 1,234 ms/);
    expect(text).toMatch(/5 minutes ago \(15 Mar 2031, 10:05:01 UTC\) POST \/api\/v1\/feedback 403 IP not allowed 192\.0\.2\.7 zapier\/1\.0 1,234 ms/);
    expect(html).not.toContain('Request log pages');
  });

  it('filters with a GET form that keeps the other parameters of the page', () => {
    const html = render({ rows: [row(1, 'key_disabled', 401)], total: 1, filter: 'key_disabled' });
    const form = /<form ([^>]*)>/.exec(html)?.[1] ?? '';
    expect([attr(form, 'method'), attr(form, 'action')]).toEqual(['get', '/keys/k1']);
    expect(html).toContain('<input type="hidden" name="range" value="30d"/>');
    expect(html).toMatch(/<label for="request-log-outcome"[^>]*>Outcome<\/label><select id="request-log-outcome" name="outcome"/);
    expect(html).toContain('<option value="key_disabled" selected="">Key disabled</option>');
    expect(html.match(/<option /g)).toHaveLength(OUTCOME_FILTERS.length);
    expect(html).toMatch(/<button type="submit"[^>]*>Filter<\/button>/);
    expect(textOf(html)).toContain('1 request denied with “Key disabled”');
  });

  it('pages with Previous and Next links for the same filter', () => {
    const rows = [row(1, 'ok', 200)];
    const middle = render({ rows, total: 60, page: 2, filter: 'denied' });
    expect(textOf(middle)).toContain('Page 2 of 3');
    expect(links(middle)).toEqual([
      { text: 'Previous', href: '/keys/k1?range=30d&outcome=denied', rel: 'prev' },
      { text: 'Next', href: '/keys/k1?range=30d&outcome=denied&page=3', rel: 'next' },
    ]);

    const first = render({ rows, total: 60, page: 1 });
    expect(links(first)).toEqual([{ text: 'Next', href: '/keys/k1?range=30d&page=2', rel: 'next' }]);
    expect(first).toMatch(/<span aria-disabled="true"[^>]*>.*Previous<\/span>/);

    const last = render({ rows, total: 60, page: 3 });
    expect(links(last)).toEqual([{ text: 'Previous', href: '/keys/k1?range=30d&page=2', rel: 'prev' }]);
  });

  it('has an empty state for each filter, and one for a page past the end', () => {
    expect(textOf(render({ total: 0 }))).toContain('No requests yet');
    expect(textOf(render({ total: 0, filter: 'allowed' }))).toContain('No allowed requests');
    expect(textOf(render({ total: 0, filter: 'denied' }))).toContain('No denied requests');
    const code = render({ total: 0, filter: 'ip_not_allowed' });
    expect(textOf(code)).toContain('No requests denied with “IP not allowed”');
    expect(links(code)).toEqual([{ text: 'Show all requests', href: '/keys/k1?range=30d', rel: undefined }]);
    const past = render({ total: 30, page: 9 });
    expect(textOf(past)).toContain('There is no page 9');
    expect(links(past)).toEqual([{ text: 'Go to the last page (2)', href: '/keys/k1?range=30d&page=2', rel: undefined }]);
  });
});
