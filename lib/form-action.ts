import 'server-only';
import type { z } from 'zod';
import { formDataInput } from './form-data';
import type { FormAction, FormState } from './form-state';

type Options<R> = {
  /** The posted fields a failed post fills in again: 'all', or a list that leaves secrets out. */
  echo: 'all' | readonly string[];
  /**
   * What a plain post (no JavaScript yet) does instead of `action`, when it must differ: it has
   * no dialog to confirm in, and nothing in the browser to navigate on success.
   */
  posted?: (input: unknown) => Promise<FormState<R>>;
};

/**
 * Makes a form's server action the target of `<form action>` (components/use-action-form.ts), so
 * a submit before hydration POSTs (nothing typed ever lands in a URL) and is handled in full: the
 * FormData is read with the form's own schema, `action` validates it with that schema exactly as
 * it does the hydrated form's values, and a failure re-renders the form with its messages.
 */
export function formAction<R>(schema: z.ZodType, action: (input: unknown) => Promise<FormState<R>>, { echo, posted = action }: Options<R>): FormAction<R> {
  return async (_previous, input) => {
    if (!(input instanceof FormData)) return action(input);
    const values = formDataInput(schema, input);
    const result = await posted(values);
    if (result.ok) return result;
    const kept = echo === 'all' ? values : Object.fromEntries(Object.entries(values).filter(([name]) => echo.includes(name)));
    return { ...result, submitted: kept };
  };
}
