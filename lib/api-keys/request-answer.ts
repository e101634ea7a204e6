import { API_ERRORS, type ApiErrorCode } from '@/lib/api/errors';
import { LEAK_REPORTERS } from '@/lib/leaked-keys/leak-report';

/**
 * What a recorded request was told, for the request detail view. The log stores the outcome, not
 * the body, so the message is the one the API sends for that code (lib/api/errors.ts): the exact
 * text, except that a validation error's per-field details are not kept. A leak report is no API
 * call: it names who reported the key.
 */
export function requestAnswer(outcome: string): string {
  if (outcome === 'ok') return 'No error: the request was allowed.';
  if (Object.hasOwn(API_ERRORS, outcome)) return `The API answered: ${outcome} — ${API_ERRORS[outcome as ApiErrorCode].message}`;
  const leak = Object.values(LEAK_REPORTERS).find((reporter) => reporter.outcome === outcome);
  if (leak) return `No API call: ${leak.label} reported this key as leaked.`;
  return `Recorded as “${outcome}”, a code this version no longer knows.`;
}
