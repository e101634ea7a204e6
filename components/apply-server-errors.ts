import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import type { FormState } from '@/lib/form-state';

/** Copies a server action's answer into the form: field errors beside fields, the rest on top. */
export function applyServerErrors<T extends FieldValues>(form: UseFormReturn<T>, result: FormState): void {
  let placed = false;
  for (const [field, messages] of Object.entries(result.errors ?? {})) {
    if (!messages?.length) continue;
    if (field in form.getValues()) {
      form.setError(field as Path<T>, { type: 'server', message: messages[0] }, { shouldFocus: !placed });
      placed = true;
    }
  }
  if (result.message && (!placed || !result.errors)) form.setError('root', { type: 'server', message: result.message });
}
