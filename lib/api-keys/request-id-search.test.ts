import { describe, expect, it } from 'vitest';
import { parseRequestIdSearch } from './request-id-search';

describe('parseRequestIdSearch', () => {
  it('takes a pasted id, trimmed of spaces and quotes', () => {
    expect(parseRequestIdSearch(' "0b7e4e3a-5f0c-4a51-9a4e-2f1d3c4b5a69" ')).toEqual({ requestId: '0b7e4e3a-5f0c-4a51-9a4e-2f1d3c4b5a69' });
    expect(parseRequestIdSearch(['req-1', 'req-2'])).toEqual({ requestId: 'req-1' });
  });

  it('says why an empty or overlong value is no request id, and nothing when no search was made', () => {
    expect(parseRequestIdSearch('  ')).toEqual({ error: expect.stringContaining('Enter a request ID') });
    expect(parseRequestIdSearch('x'.repeat(129))).toEqual({ error: 'A request ID is at most 128 characters.' });
    expect(parseRequestIdSearch('x'.repeat(128))).toEqual({ requestId: 'x'.repeat(128) });
    expect(parseRequestIdSearch(undefined)).toBeNull();
  });
});
