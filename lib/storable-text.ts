import { z } from 'zod';

/**
 * Text Postgres cannot store as sent: NUL (U+0000), which `text` and `jsonb` refuse (a 500 once it
 * reaches a query), and lone surrogates, which are not Unicode (the driver would quietly store
 * U+FFFD instead). Checked once, on everything a request body, query or form sends, before its
 * schema: no field can forget it.
 */
function problemWith(text: string): string | null {
  if (text.includes('\0')) return 'a NUL character (\\u0000)';
  if (!text.isWellFormed()) return 'an unpaired surrogate (not valid Unicode)';
  return null;
}

/**
 * A ZodError naming every field (or field name) in `value` that holds such text, or null. Walks
 * arrays and objects without recursion, so a deeply nested body cannot overflow the stack.
 */
export function unstorableText(value: unknown): z.ZodError | null {
  const issues: z.core.$ZodIssue[] = [];
  const pending: { value: unknown; path: PropertyKey[] }[] = [{ value, path: [] }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value: current, path } = next;
    if (typeof current === 'string') {
      const problem = problemWith(current);
      const field = path.length > 0 ? path.join('.') : 'The value';
      if (problem) issues.push({ code: 'custom', path, input: current, message: `${field} contains ${problem}, which cannot be stored` });
    } else if (current !== null && typeof current === 'object') {
      for (const [name, child] of Object.entries(current)) {
        const problem = problemWith(name);
        if (problem) issues.push({ code: 'custom', path, input: name, message: `A field name contains ${problem}, which cannot be stored` });
        else pending.push({ value: child, path: [...path, Array.isArray(current) ? Number(name) : name] });
      }
    }
  }
  return issues.length > 0 ? new z.ZodError(issues) : null;
}
