import { redactApiKeys } from './api-keys/keys-in-text';

/**
 * What of a request's URL may be logged or stored (SPEC §4): the path only, since a query string
 * may carry anything, and any key in the path redacted to its prefix and last 4.
 */
export function loggablePath(url: string): string {
  const cut = url.search(/[?#]/);
  return redactApiKeys(cut === -1 ? url : url.slice(0, cut));
}
