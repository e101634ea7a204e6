import { describe, expect, it } from 'vitest';
import { isUuid } from './is-uuid';

describe('isUuid', () => {
  it.each(['0b7e4e3a-5f0c-4a51-9a4e-2f1d3c4b5a69', '0B7E4E3A-5F0C-4A51-9A4E-2F1D3C4B5A69', '00000000-0000-0000-0000-000000000000', crypto.randomUUID()])(
    'accepts %s',
    (value) => {
      expect(isUuid(value)).toBe(true);
    },
  );

  it.each([
    '',
    'not-a-uuid',
    "1' or '1'='1",
    '0b7e4e3a5f0c4a519a4e2f1d3c4b5a69',
    '{0b7e4e3a-5f0c-4a51-9a4e-2f1d3c4b5a69}',
    '0b7e4e3a-5f0c-4a51-9a4e-2f1d3c4b5a69x',
    ' 0b7e4e3a-5f0c-4a51-9a4e-2f1d3c4b5a69',
    '0b7e4e3a-5f0c-4a51-9a4e-2f1d3c4b5a6g',
    '0b7e4e3a-5f0c-4a51-9a4e-2f1d3c4b5a69\n',
  ])('refuses %j', (value) => {
    expect(isUuid(value)).toBe(false);
  });

  it('refuses what is not a string', () => {
    for (const value of [undefined, null, 42, ['0b7e4e3a-5f0c-4a51-9a4e-2f1d3c4b5a69']]) expect(isUuid(value)).toBe(false);
  });
});
