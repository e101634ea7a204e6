import type { FieldErrors, FieldValues, Path, UseFormReturn } from 'react-hook-form';
import type { FormState } from '@/lib/form-state';

/** Where a server answer goes: each field's first error beside the fields the form has, the message on top when no field took one (or it came alone). */
function placement(result: FormState, fields: string[]): { placed: [string, string][]; root?: string } {
  const placed = Object.entries(result.errors ?? {}).flatMap(([field, messages]): [string, string][] =>
    messages?.length && fields.includes(field) ? [[field, messages[0]]] : [],
  );
  const root = result.message && (placed.length === 0 || !result.errors) ? result.message : undefined;
  return { placed, root };
}

/** Copies a server action's answer into the form: field errors beside fields, the rest on top. */
export function applyServerErrors<T extends FieldValues>(form: UseFormReturn<T>, result: FormState): void {
  const { placed, root } = placement(result, Object.keys(form.getValues()));
  placed.forEach(([field, message], index) => form.setError(field as Path<T>, { type: 'server', message }, { shouldFocus: index === 0 }));
  if (root) form.setError('root', { type: 'server', message: root });
}

/** The same answer as react-hook-form's initial errors, so the server-rendered form shows them (a post before hydration). */
export function answeredErrors<T extends FieldValues>(result: FormState, fields: string[]): FieldErrors<T> | undefined {
  const { placed, root } = placement(result, fields);
  if (placed.length === 0 && !root) return undefined;
  const errors: Record<string, { type: string; message: string }> = {};
  for (const [field, message] of placed) errors[field] = { type: 'server', message };
  if (root) errors.root = { type: 'server', message: root };
  return errors as FieldErrors<T>;
}
