import { isUuid } from './is-uuid';
import { containsPattern } from './like-pattern';

/**
 * What a key search box's text names. A key id (a link from elsewhere passes one) names exactly
 * that key; anything else is a piece of a key's name or hint, in any case. People type the hint's
 * ellipsis as three dots, so "jira_...3f9a" finds "jira_…3f9a".
 */
export type KeySearch = { id: string } | { pattern: string };

export function parseKeySearch(text: string): KeySearch {
  const trimmed = text.trim();
  const typed = trimmed.replaceAll('...', '…');
  return isUuid(trimmed) ? { id: trimmed.toLowerCase() } : { pattern: containsPattern(typed) };
}
