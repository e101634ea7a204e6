import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PagedList, Pagination } from './pagination';

const hrefFor = (page: number) => `/admin/audit-log?action=api_key.created${page === 1 ? '' : `&page=${page}`}`;
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
const hrefs = (html: string) => [...html.matchAll(/<a [^>]*href="([^"]*)"[^>]*>(.*?)<\/a>/g)].map(([, href, inner]) => [textOf(inner), href.replaceAll('&amp;', '&')]);
const list = (props: { page: number; total: number; shown: number }) =>
  renderToStaticMarkup(createElement(PagedList, { pageSize: 25, noun: ['entry', 'entries'], hrefFor, empty: createElement('p', null, 'Nothing matches'), ...props }, createElement('table')));

describe('PagedList', () => {
  it('says which rows the page shows, and links to the pages either side', () => {
    const html = list({ page: 2, total: 1060, shown: 25 });
    expect(textOf(html)).toContain('Showing 26–50 of 1,060 entries');
    expect(textOf(html)).toContain('Page 2 of 43');
    expect(hrefs(html)).toEqual([
      ['Previous', '/admin/audit-log?action=api_key.created'],
      ['Next', '/admin/audit-log?action=api_key.created&page=3'],
    ]);
    expect(html).toContain('<table>');
  });

  it('shows no page links when one page holds everything', () => {
    const html = list({ page: 1, total: 1, shown: 1 });
    expect(textOf(html)).toBe('Showing 1–1 of 1 entry');
    expect(html).not.toContain('<nav');
  });

  it('says a page past the end does not exist and offers the last one, instead of the list', () => {
    const html = list({ page: 9, total: 30, shown: 0 });
    expect(textOf(html)).toBe('There is no page 9 Go to the last page (2)');
    expect(hrefs(html)).toEqual([['Go to the last page (2)', '/admin/audit-log?action=api_key.created&page=2']]);
    expect(html).not.toContain('<table>');
  });

  it('shows what it is given for an empty list', () => {
    expect(list({ page: 1, total: 0, shown: 0 })).toBe('<p>Nothing matches</p>');
  });
});

describe('Pagination', () => {
  it('marks the missing neighbour as disabled on the first and last page', () => {
    const first = renderToStaticMarkup(createElement(Pagination, { page: 1, totalPages: 3, hrefFor, label: 'Request log pages' }));
    expect(first).toContain('aria-label="Request log pages"');
    expect(first).toMatch(/<span aria-disabled="true"[^>]*>.*Previous<\/span>/);
    expect(hrefs(first)).toEqual([['Next', '/admin/audit-log?action=api_key.created&page=2']]);
    const last = renderToStaticMarkup(createElement(Pagination, { page: 3, totalPages: 3, hrefFor }));
    expect(last).toMatch(/<span aria-disabled="true"[^>]*>Next.*<\/span>/);
    expect(hrefs(last)).toEqual([['Previous', '/admin/audit-log?action=api_key.created&page=2']]);
  });
});
