/**
 * Driver errors (postgres.js or PGlite, usually wrapped by drizzle) mapped once to the few cases
 * the app reasons about. Drizzle's own message embeds the query's parameters, so everything here
 * reads the innermost (driver) error only; lib/safe-error.ts logs through the same walk.
 */
export type DbErrorKind = 'unique_violation' | 'unavailable' | 'rejected_row' | 'other';

export class DbError extends Error {
  constructor(
    readonly kind: DbErrorKind,
    message: string,
    readonly code?: string,
    /** The violated constraint, for unique violations. */
    readonly constraint?: string,
  ) {
    super(message);
    this.name = 'DbError';
  }
}

// "The database cannot be reached right now", not "the query was wrong": Node socket errors,
// postgres.js connection errors, and SQLSTATE classes 08 / 57P / 53300.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  '53300',
  // A statement cancelled by statement_timeout (db/connection-policy.ts): the database did not answer in time.
  '57014',
  '57P01',
  '57P02',
  '57P03',
]);

type DriverFields = { code?: unknown; constraint_name?: unknown; constraint?: unknown };

/**
 * The error at the bottom of the cause chain: the driver's own, without query parameters.
 * Auth.js wraps its cause as `{ err }`; that is followed too.
 */
export function innermostCause(error: unknown): unknown {
  let cause = error;
  for (let depth = 0; depth < 5; depth++) {
    const next = cause && typeof cause === 'object' ? ((cause as { cause?: unknown }).cause ?? (cause instanceof Error ? undefined : (cause as { err?: unknown }).err)) : undefined;
    if (!next) break;
    cause = next;
  }
  return cause;
}

function kindOf(code: string | undefined, message: string): DbErrorKind {
  if (code === '23505') return 'unique_violation';
  if ((code && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) || /PGlite is closed/i.test(message)) return 'unavailable';
  // SQLSTATE classes 22 (data exception) and 23 (integrity constraint violation): these rows can
  // never be written, unlike a lost connection; retrying them as they are would fail forever.
  if (code && /^2[23][0-9A-Z]{3}$/.test(code)) return 'rejected_row';
  return 'other';
}

/** Maps any thrown value to a DbError; a DbError is returned as is. */
export function toDbError(error: unknown): DbError {
  if (error instanceof DbError) return error;
  const cause = innermostCause(error);
  const raw = cause instanceof Error ? cause.message : String(cause);
  const fields = (cause && typeof cause === 'object' ? cause : {}) as DriverFields;
  const code = typeof fields.code === 'string' ? fields.code : undefined;
  const message = safeMessage(raw, code);
  const constraint = [fields.constraint_name, fields.constraint].find((v): v is string => typeof v === 'string');
  // PGlite names the constraint only in its message.
  const named = constraint ?? /constraint "([^"]+)"/.exec(raw)?.[1];
  return new DbError(kindOf(code, raw), message, code, named);
}

/**
 * Drizzle's "Failed query: … params: …" names the parameters; a data exception (class 22) quotes
 * the value it could not take (`invalid input syntax for type uuid: "…"`). Neither may be kept.
 */
function safeMessage(raw: string, code: string | undefined): string {
  if (raw.startsWith('Failed query:')) return 'query failed';
  const text = code?.startsWith('22') ? raw.replace(/"[^"]*"|'[^']*'/g, '"…"') : raw;
  return text.slice(0, 300);
}

export const isDatabaseUnavailable = (error: unknown) => toDbError(error).kind === 'unavailable';
export const isRowDataError = (error: unknown) => ['rejected_row', 'unique_violation'].includes(toDbError(error).kind);
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const mapped = toDbError(error);
  return mapped.kind === 'unique_violation' && mapped.constraint === constraint;
}
