import { describe, expect, it } from 'vitest';
import { parseKeySearch } from './key-search';

const id = '3f2b8c1e-9d4a-4b7e-8f1c-2a6d5e4b3c21';

describe('parseKeySearch', () => {
  it('takes a key id as that key, in any case', () => {
    expect(parseKeySearch(id)).toEqual({ id });
    expect(parseKeySearch(` ${id.toUpperCase()} `)).toEqual({ id });
  });

  it('takes anything else as a piece of a name or hint, wildcards literal', () => {
    expect(parseKeySearch('Jira')).toEqual({ pattern: '%Jira%' });
    expect(parseKeySearch('100%_done')).toEqual({ pattern: '%100\\%\\_done%' });
    expect(parseKeySearch(id.slice(0, 8))).toEqual({ pattern: `%${id.slice(0, 8)}%` });
  });

  it('reads three dots as the hint’s ellipsis', () => {
    expect(parseKeySearch('jira_...3f9a')).toEqual({ pattern: '%jira\\_…3f9a%' });
  });
});
