/** What is still so when a change could not reach the database, unless the action says more. */
export const NOTHING_CHANGED = 'nothing was changed';

/**
 * The one message for "the database could not be reached": says so plainly, says what is still
 * so (the action declares it: "the key is still enabled"), and that trying again is the fix.
 */
export function databaseUnreachableMessage(stillSo: string = NOTHING_CHANGED): string {
  return `The database is unreachable: ${stillSo}. Try again in a moment.`;
}
