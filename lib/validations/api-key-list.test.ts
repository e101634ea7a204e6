import { describe, expect, it } from 'vitest';
import { encodeCursor } from '@/lib/keyset-cursor';
import { routes } from '@/lib/routes';
import { apiKeyListHref, parseApiKeyListSearch } from './api-key-list';

const id = '3f2b8c1e-9d4a-4b7e-8f1c-2a6d5e4b3c21';
const time = { value: '2026-03-01T10:00:00.123456Z', id };
const name = { value: 'jira sync', id };

describe('parseApiKeyListSearch', () => {
  it('reads search, status, sort and cursor', () => {
    expect(parseApiKeyListSearch({ q: ' jira ', status: 'expired', sort: 'name', after: encodeCursor(name) })).toEqual({
      q: 'jira',
      status: 'expired',
      sort: 'name',
      after: name,
      before: undefined,
    });
    expect(parseApiKeyListSearch({ before: encodeCursor(time) })).toMatchObject({ sort: 'newest', before: time });
  });

  it('defaults to every key, newest first, first page', () => {
    const everything = { q: undefined, status: undefined, sort: 'newest', after: undefined, before: undefined };
    expect(parseApiKeyListSearch({})).toEqual(everything);
    expect(parseApiKeyListSearch({ q: '   ', status: '', sort: '', after: '' })).toEqual(everything);
  });

  it('drops bad values instead of failing', () => {
    const parsed = parseApiKeyListSearch({ q: 'x'.repeat(101), status: 'deleted', sort: 'toString', after: 'garbage' });
    expect(parsed).toEqual({ q: undefined, status: undefined, sort: 'newest', after: undefined, before: undefined });
    expect(parseApiKeyListSearch({ q: 'a\0b' }).q).toBeUndefined();
    // A cursor of another sort (a name where a time belongs) is no cursor.
    expect(parseApiKeyListSearch({ sort: 'last-used', after: encodeCursor(name) }).after).toBeUndefined();
    // Only Last used has keys without a value (never used).
    expect(parseApiKeyListSearch({ sort: 'last-used', after: encodeCursor({ value: null, id }) }).after).toEqual({ value: null, id });
    expect(parseApiKeyListSearch({ sort: 'name', after: encodeCursor({ value: null, id }) }).after).toBeUndefined();
  });

  it('takes the first of repeated parameters, and one page edge', () => {
    expect(parseApiKeyListSearch({ q: ['a', 'b'], sort: ['name', 'newest'] })).toMatchObject({ q: 'a', sort: 'name' });
    expect(parseApiKeyListSearch({ after: encodeCursor(time), before: encodeCursor(time) })).toMatchObject({ after: time, before: undefined });
  });
});

describe('apiKeyListHref', () => {
  it('keeps what is set and leaves out defaults', () => {
    expect(apiKeyListHref({})).toBe(routes.apiKeys);
    expect(apiKeyListHref({ sort: 'newest' })).toBe(routes.apiKeys);
    expect(apiKeyListHref({ q: 'a&b', status: 'enabled', sort: 'last-used' })).toBe(`${routes.apiKeys}?q=a%26b&status=enabled&sort=last-used`);
  });

  it('makes links that read back as the same page', () => {
    const search = { q: 'jira', status: 'disabled', sort: 'name', after: name } as const;
    const href = apiKeyListHref(search);
    const params = Object.fromEntries(new URL(href, 'http://x').searchParams);
    expect(parseApiKeyListSearch(params)).toEqual({ ...search, before: undefined });
  });
});
