import { USAGE_TEXT_LIMITS } from '@/lib/api/usage-record';

/**
 * `?requestId=` of "Find a request by ID", pasted from an integration's error body or its logs:
 * trimmed (a paste often carries a space or quotes), or why it cannot be one. None given: no search yet.
 */
export function parseRequestIdSearch(value: string | string[] | undefined): { requestId: string } | { error: string } | null {
  if (value === undefined) return null;
  const requestId = (Array.isArray(value) ? (value[0] ?? '') : value).trim().replace(/^["'“”]+|["'“”]+$/g, '');
  if (requestId === '') return { error: 'Enter a request ID, such as the requestId of an error the API returned.' };
  if (requestId.length > USAGE_TEXT_LIMITS.requestId) return { error: `A request ID is at most ${USAGE_TEXT_LIMITS.requestId} characters.` };
  return { requestId };
}
