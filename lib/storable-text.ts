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

// A hostile body (1 MiB of nested arrays, or of bad strings) must cost a linear walk and a short answer.
const MAX_ISSUES = 20;
const MAX_PATH_SEGMENTS = 16;

type Visit = { value: unknown; key?: PropertyKey; parent?: Visit };

/** The field's path, built only for a field that has a problem (visits link to their parent, not copy its path). */
function pathOf(visit: Visit): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (let at: Visit | undefined = visit; at?.key !== undefined; at = at.parent) path.push(at.key);
  path.reverse();
  return path.length > MAX_PATH_SEGMENTS ? [...path.slice(0, MAX_PATH_SEGMENTS), '…'] : path;
}

/**
 * A ZodError naming the fields (or field names) in `value` that hold such text, or null. Walks
 * arrays and objects without recursion, so a deeply nested body cannot overflow the stack.
 */
export function unstorableText(value: unknown): z.ZodError | null {
  const issues: z.core.$ZodIssue[] = [];
  const pending: Visit[] = [{ value }];
  for (let visit = pending.pop(); visit && issues.length < MAX_ISSUES; visit = pending.pop()) {
    const current = visit.value;
    if (typeof current === 'string') {
      const problem = problemWith(current);
      if (!problem) continue;
      const path = pathOf(visit);
      issues.push({ code: 'custom', path, input: current, message: `${path.length > 0 ? path.join('.') : 'The value'} contains ${problem}, which cannot be stored` });
    } else if (current !== null && typeof current === 'object') {
      const isArray = Array.isArray(current);
      for (const [name, child] of Object.entries(current)) {
        const problem = problemWith(name);
        if (problem) issues.push({ code: 'custom', path: pathOf(visit), input: name, message: `A field name contains ${problem}, which cannot be stored` });
        else pending.push({ value: child, key: isArray ? Number(name) : name, parent: visit });
      }
    }
  }
  return issues.length > 0 ? new z.ZodError(issues) : null;
}
