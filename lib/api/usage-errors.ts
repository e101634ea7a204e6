/**
 * What a failed usage write may say in the log. Drizzle's own error message embeds the query's
 * parameters (IPs, user agents, paths…), so only the driver's underlying message and code are used.
 */
export function describeWriteError(error: unknown): { message: string; code?: string } {
  let cause: unknown = error;
  // The innermost cause is the driver's error (postgres.js or PGlite), without parameters.
  for (let depth = 0; depth < 5 && cause && typeof cause === 'object' && 'cause' in cause && cause.cause; depth++) {
    cause = cause.cause;
  }
  const raw = cause instanceof Error ? cause.message : String(cause);
  const message = raw.startsWith('Failed query:') ? 'query failed' : raw.slice(0, 300);
  const code = (cause as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? { message, code } : { message };
}

/**
 * SQLSTATE classes 22 (data exception) and 23 (integrity constraint violation) mean "these rows
 * can never be written", unlike a lost connection or a missing table: retrying the same batch
 * would fail forever and block every row behind it.
 */
export function isRowDataError(error: unknown): boolean {
  const { code } = describeWriteError(error);
  return typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code);
}
