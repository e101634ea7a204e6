import { isUuid } from './is-uuid';

/**
 * Where a keyset page starts or ends: the sort value and id of the row beside it (the value is null
 * where the sort column is, as "never used" is). In URLs it is an opaque token (base64url of JSON):
 * not a secret, but not something to hand-edit either. A token is never trusted: `decodeCursor`
 * checks its shape and the value's, and a bad one is no cursor at all (the first page).
 */
export type KeysetCursor = { value: string | null; id: string };

export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(JSON.stringify([cursor.value, cursor.id])).toString('base64url');
}

// A sort value fits in a few hundred characters (names are at most 100); anything longer is not ours.
const MAX_TOKEN_LENGTH = 1_000;

/** `value` checks a sort value; `nullable` says whether the sort has rows without one. */
export function decodeCursor(token: string, { value: isValue, nullable }: { value: (value: string) => boolean; nullable: boolean }): KeysetCursor | null {
  if (token.length > MAX_TOKEN_LENGTH || !/^[A-Za-z0-9_-]+$/.test(token)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) return null;
  const [value, id] = parsed as unknown[];
  if (!isUuid(id)) return null;
  if (value === null) return nullable ? { value, id: id.toLowerCase() } : null;
  return typeof value === 'string' && isValue(value) ? { value, id: id.toLowerCase() } : null;
}

/** A time as the list queries write their cursors: UTC with microseconds, as Postgres keeps it (a JS Date would drop them). */
export function isCursorTime(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(value) && !Number.isNaN(Date.parse(value));
}
