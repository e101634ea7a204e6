/**
 * A LIKE/ILIKE pattern matching `text` anywhere, with the user's own `%`, `_` and `\` taken
 * literally: a search for "50%" or "jira_" finds those characters, not "anything". Backslash is
 * Postgres's default LIKE escape, so the pattern needs no ESCAPE clause.
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
