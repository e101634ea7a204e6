/**
 * A position in a key's request log: the (at, id) of a row, the log's sort key. `at` is the
 * database's own microsecond time as UTC ISO text: a JavaScript Date keeps only milliseconds, and
 * a cursor rounded to them would skip or repeat rows recorded within the same millisecond.
 * In the URL it is opaque (base64url), so nobody is tempted to edit it; whatever comes back is
 * checked here, and anything odd reads as "no cursor" (the newest page), never as a query error.
 */
export type LogCursor = { at: string; id: number };

/**
 * `?before=` lists the rows older than the cursor (the Older link), `?after=` the newer ones,
 * `?from=oldest` the oldest page (the Oldest link); none is the newest page.
 */
export type LogPosition = { before: LogCursor } | { after: LogCursor } | { oldest: true } | null;

// Exactly what the request log query writes (to_char … 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"').
const AT_FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const MAX_ENCODED_LENGTH = 100;

export function encodeLogCursor(cursor: LogCursor): string {
  return Buffer.from(`${cursor.at}|${cursor.id}`).toString('base64url');
}

/** A real calendar time: Date rolls 30 February over to March, Postgres would refuse it. */
function isRealTime(at: string): boolean {
  const parsed = new Date(`${at.slice(0, 23)}Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 19) === at.slice(0, 19);
}

export function decodeLogCursor(value: string | string[] | undefined | null): LogCursor | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ENCODED_LENGTH) return null;
  const [at, id, ...rest] = Buffer.from(value, 'base64url').toString('utf8').split('|');
  const rowId = Number(id);
  if (rest.length > 0 || !AT_FORMAT.test(at) || !isRealTime(at) || !/^\d{1,15}$/.test(id ?? '') || rowId < 1) return null;
  return { at, id: rowId };
}

/** The URL's position: `before` wins if both are given (a hand-made URL), then `after`, then `from=oldest`; anything invalid is the newest page. */
export function parseLogPosition(query: { before?: string | string[]; after?: string | string[]; from?: string | string[] }): LogPosition {
  const before = decodeLogCursor(query.before);
  if (before) return { before };
  const after = decodeLogCursor(query.after);
  if (after) return { after };
  return query.from === 'oldest' ? { oldest: true } : null;
}
