import { get, type FieldValues, type Path, type UseFormReturn } from 'react-hook-form';

// react-hook-form gives a field its value through the field's ref, once hydrated: the server's
// HTML would show every field empty, and a submit before hydration would post them empty. These
// put the default in the HTML as well (the same value react-hook-form sets).
const defaultOf = <T extends FieldValues>(form: UseFormReturn<T>, name: Path<T>): unknown => get(form.formState.defaultValues, name);

/** register() for a text field, textarea or select, with its default value in the HTML. */
export function withValue<T extends FieldValues>(form: UseFormReturn<T>, name: Path<T>) {
  const value = defaultOf(form, name);
  return { ...form.register(name), defaultValue: typeof value === 'string' || typeof value === 'number' ? value : '' };
}

/** register() for a checkbox, or the radio button for `value`, checked in the HTML when it is the default. */
export function withChecked<T extends FieldValues>(form: UseFormReturn<T>, name: Path<T>, value?: string) {
  const current = defaultOf(form, name);
  return { ...form.register(name), ...(value === undefined ? { defaultChecked: current === true } : { value, defaultChecked: current === value }) };
}
