import { describe, expect, it } from 'vitest';
import { columnLabelProperties, cssString, MAX_LABELLED_COLUMNS } from './column-labels';

describe('cssString', () => {
  it.each([
    ['Name', '"Name"'],
    ['Requests (7 days)', '"Requests (7 days)"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['back\\slash', '"back\\\\slash"'],
    ['two\nlines', '"two\\a lines"'],
    ['</style>', '"</style>"'],
  ])('quotes %j as %s', (text, expected) => {
    expect(cssString(text)).toBe(expected);
  });
});

describe('columnLabelProperties', () => {
  it('numbers the columns from 1, as nth-child does', () => {
    expect(columnLabelProperties(['Name', 'Status'])).toEqual({ '--column-1': '"Name"', '--column-2': '"Status"' });
  });

  it('refuses more columns than the stylesheet has rules for', () => {
    const labels = Array.from({ length: MAX_LABELLED_COLUMNS + 1 }, (_, index) => `Column ${index}`);
    expect(() => columnLabelProperties(labels)).toThrow(/at most 12 columns/);
  });
});
