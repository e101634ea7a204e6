/**
 * Column headings as CSS custom properties (`--column-1` …) on a table, so its stylesheet can show
 * each cell's heading beside it when the rows stack as cards (components/ui/table.css) without
 * every cell repeating its column's name.
 */
export const MAX_LABELLED_COLUMNS = 12;

/** A CSS string token: quotes and backslashes escaped, line breaks as `\a ` (CSS has no `\n`). */
export function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, (character) => `\\${character}`).replace(/\r\n|[\r\n\f]/g, '\\a ')}"`;
}

export function columnLabelProperties(labels: string[]): Record<`--column-${number}`, string> {
  if (labels.length > MAX_LABELLED_COLUMNS) throw new Error(`A stacked table labels at most ${MAX_LABELLED_COLUMNS} columns; table.css has no rule for more.`);
  return Object.fromEntries(labels.map((label, index) => [`--column-${index + 1}`, cssString(label)]));
}
