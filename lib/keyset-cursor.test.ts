import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, isCursorTime } from './keyset-cursor';

const id = '3f2b8c1e-9d4a-4b7e-8f1c-2a6d5e4b3c21';
const anything = { value: () => true, nullable: true };
const times = { value: isCursorTime, nullable: false };
const token = (json: string) => Buffer.from(json).toString('base64url');

describe('keyset cursors', () => {
  it('round-trip a value and an id, or a null value', () => {
    for (const cursor of [{ value: '2026-03-01T10:00:00.123456Z', id }, { value: 'jira “sync” ✓', id }, { value: null, id }]) {
      const encoded = encodeCursor(cursor);
      expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor(encoded, anything)).toEqual(cursor);
    }
  });

  it('refuse anything that is not a cursor of ours', () => {
    for (const bad of ['', 'not base64!', token('{"value":"x"}'), token('[1,"x"]'), token(`["x","not-a-uuid"]`), token(`[5,"${id}"]`), token(`["x","${id}",1]`), token('[oops'), 'A'.repeat(2_000)]) {
      expect(decodeCursor(bad, anything), bad).toBeNull();
    }
  });

  it('check the value with the sort’s own rule', () => {
    expect(decodeCursor(encodeCursor({ value: 'Jira', id }), times)).toBeNull();
    expect(decodeCursor(encodeCursor({ value: null, id }), times)).toBeNull();
    expect(decodeCursor(encodeCursor({ value: '2026-03-01T10:00:00.123456Z', id }), times)).toEqual({ value: '2026-03-01T10:00:00.123456Z', id });
  });
});

describe('isCursorTime', () => {
  it('accepts UTC with microseconds only', () => {
    expect(isCursorTime('2026-03-01T10:00:00.123456Z')).toBe(true);
    expect(isCursorTime('2026-03-01T10:00:00.123Z')).toBe(false);
    expect(isCursorTime('2026-03-01 10:00:00.123456+00')).toBe(false);
    expect(isCursorTime('2026-13-45T10:00:00.123456Z')).toBe(false);
  });
});
