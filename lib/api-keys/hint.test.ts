import { describe, expect, it } from 'vitest';
import { keyHint } from './hint';

describe('keyHint', () => {
  it('is prefix, underscore, ellipsis, last 4 chars', () => {
    expect(keyHint('acme', 'acme_0123456789abcdefWXYZ')).toBe('acme_…WXYZ');
    expect(keyHint('my_app-1', 'my_app-1_zzzz1234')).toBe('my_app-1_…1234');
  });

  it('uses the single ellipsis character, not three dots', () => {
    const hint = keyHint('acme', 'acme_abcdefgh');
    expect(hint).toContain('\u2026');
    expect(hint).not.toContain('...');
    expect(hint).toHaveLength('acme_'.length + 1 + 4);
  });
});
