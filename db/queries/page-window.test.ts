import { describe, expect, it } from 'vitest';
import { pageWindow } from './page-window';

describe('pageWindow', () => {
  it.each([
    [{ page: 1, pageSize: 20 }, { limit: 20, offset: 0 }],
    [{ page: 3, pageSize: 20 }, { limit: 20, offset: 40 }],
    [{ page: 2, pageSize: 500 }, { limit: 100, offset: 100 }],
    [{ page: 0, pageSize: 0 }, { limit: 1, offset: 0 }],
    [{ page: -4, pageSize: 2.7 }, { limit: 2, offset: 0 }],
    [{ page: Number.NaN, pageSize: Number.NaN }, { limit: 1, offset: 0 }],
  ])('%o → %o', (input, expected) => {
    expect(pageWindow(input, 100)).toEqual(expected);
  });
});
