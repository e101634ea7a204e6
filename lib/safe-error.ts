import { innermostCause, toDbError } from '@/db/errors';
import { redactApiKeys } from './api-keys/keys-in-text';

export type SafeError = { type: string; message: string; code?: string; stack?: string };

/**
 * The one shape in which an error reaches the log (the logger applies it to every `err` field):
 * the innermost error's type, message and code. Drizzle's message carries the query's parameters
 * (feedback bodies, e-mail addresses, IPs) and drivers attach `query`/`parameters`/`detail`
 * fields; none of them is kept. A stack is kept only where its first line is the safe message.
 */
export function sanitizeError(error: unknown): SafeError {
  if (isSafeError(error)) return error;
  const cause = innermostCause(error);
  const { code, message: driverMessage } = toDbError(cause);
  // A provider or driver may quote a recipient: only the domain is kept; a URL in a message may hold a key.
  const message = redactApiKeys(maskAddresses(driverMessage));
  const type = cause instanceof Error ? cause.name : typeof cause;
  const stack = cause instanceof Error && cause.message === message ? cause.stack : undefined;
  return { type, message, ...(code ? { code } : {}), ...(stack ? { stack } : {}) };
}

const maskAddresses = (text: string) => text.replace(/[^\s<>"'`(),;:]+@/g, '…@');

/**
 * Next prints errors thrown while rendering a page itself, with console.error; a query's error
 * would carry drizzle's "Failed query … params: …" text. register() routes them through here too.
 */
export function sanitizeConsoleErrors(): void {
  const original = console.error.bind(console);
  const safe = (arg: unknown) => (arg instanceof Error ? JSON.stringify(sanitizeError(arg)) : typeof arg === 'string' ? redactApiKeys(arg) : arg);
  console.error = (...args: unknown[]) => original(...args.map(safe));
}

function isSafeError(value: unknown): value is SafeError {
  if (!value || typeof value !== 'object' || value instanceof Error) return false;
  const keys = Object.keys(value);
  return typeof (value as SafeError).message === 'string' && keys.every((key) => ['type', 'message', 'code', 'stack'].includes(key));
}
