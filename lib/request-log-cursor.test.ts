import { describe, expect, it } from 'vitest';
import { decodeLogCursor, encodeLogCursor, parseLogPosition } from './request-log-cursor';

const cursor = { at: '2031-03-15T10:05:00.123456Z', id: 4711 };
const encoded = encodeLogCursor(cursor);
const raw = (text: string) => Buffer.from(text).toString('base64url');

describe('request log cursors', () => {
  it('round-trips through an opaque, URL-safe string', () => {
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(encoded).not.toContain('2031');
    expect(decodeLogCursor(encoded)).toEqual(cursor);
  });

  it('reads anything else as no cursor', () => {
    for (const value of [
      undefined,
      null,
      '',
      [encoded, encoded],
      'not base64 at all!',
      raw('2031-03-15T10:05:00.123Z|4711'), // milliseconds only
      raw('2031-02-30T10:05:00.123456Z|4711'), // no such day
      raw('2031-03-15T25:05:00.123456Z|4711'),
      raw('2031-03-15T10:05:00.123456Z|0'),
      raw('2031-03-15T10:05:00.123456Z|-1'),
      raw('2031-03-15T10:05:00.123456Z|1e3'),
      raw('2031-03-15T10:05:00.123456Z|4711|9'),
      raw('2031-03-15T10:05:00.123456Z'),
      'x'.repeat(500),
    ]) {
      expect(decodeLogCursor(value)).toBeNull();
    }
  });

  it('takes the position from ?before= or ?after=, before first', () => {
    expect(parseLogPosition({})).toBeNull();
    expect(parseLogPosition({ before: encoded })).toEqual({ before: cursor });
    expect(parseLogPosition({ after: encoded })).toEqual({ after: cursor });
    expect(parseLogPosition({ before: encoded, after: encodeLogCursor({ ...cursor, id: 1 }) })).toEqual({ before: cursor });
    expect(parseLogPosition({ before: 'junk', after: encoded })).toEqual({ after: cursor });
    expect(parseLogPosition({ from: 'oldest' })).toEqual({ oldest: true });
    expect(parseLogPosition({ from: 'oldest', before: encoded })).toEqual({ before: cursor });
    expect(parseLogPosition({ from: 'newest' })).toBeNull();
  });
});
