import { describe, expect, it } from 'vitest';
import { routes } from '@/lib/routes';
import { mailboxHref, parseMailboxSearch } from './mailbox';

describe('parseMailboxSearch', () => {
  it('reads kind and page', () => {
    expect(parseMailboxSearch({ kind: 'key_disabled', page: '3' })).toEqual({ key: undefined, kind: 'key_disabled', page: 3 });
    expect(parseMailboxSearch({ key: ' jira_…3f9a ' })).toEqual({ key: 'jira_…3f9a', kind: undefined, page: 1 });
  });

  it('defaults to every kind, page 1', () => {
    expect(parseMailboxSearch({})).toEqual({ key: undefined, kind: undefined, page: 1 });
    expect(parseMailboxSearch({ key: '', kind: '' })).toEqual({ key: undefined, kind: undefined, page: 1 });
  });

  it('drops bad values instead of failing', () => {
    expect(parseMailboxSearch({ kind: 'spam', page: '-2' })).toEqual({ key: undefined, kind: undefined, page: 1 });
    expect(parseMailboxSearch({ key: 'x'.repeat(101), kind: 'toString', page: '2.5' })).toEqual({ key: undefined, kind: undefined, page: 1 });
    expect(parseMailboxSearch({ page: '1e99' }).page).toBe(1);
  });

  it('takes the first of repeated parameters', () => {
    expect(parseMailboxSearch({ key: ['jira', 'slack'], kind: ['first_use', 'digest'], page: ['2', '9'] })).toEqual({ key: 'jira', kind: 'first_use', page: 2 });
  });
});

describe('mailboxHref', () => {
  it('keeps the filter and leaves out defaults', () => {
    expect(mailboxHref({})).toBe(routes.mailbox);
    expect(mailboxHref({ page: 1 })).toBe(routes.mailbox);
    expect(mailboxHref({ kind: 'new_ip', page: 2 })).toBe(`${routes.mailbox}?kind=new_ip&page=2`);
    expect(mailboxHref({ key: 'jira', kind: 'new_ip' })).toBe(`${routes.mailbox}?key=jira&kind=new_ip`);
  });
});
