'use client';

import { useActionState, useMemo } from 'react';
import { useForm, type DefaultValues, type FieldValues, type UseFormProps } from 'react-hook-form';
import { NO_ANSWER, type FormAction, type FormState } from '@/lib/form-state';
import { answeredErrors } from './apply-server-errors';

type Options<TIn extends FieldValues, TOut> = UseFormProps<TIn, unknown, TOut> & { defaultValues: DefaultValues<TIn> };

/**
 * react-hook-form on a form that works before its JavaScript runs. Put `formAction` on
 * `<form action>`: until hydration a submit POSTs the fields to the server action (never a GET
 * that would put them in the URL), whose answer re-renders the form with its messages and the
 * values it echoes. Once hydrated, `form.handleSubmit` validates in the browser first and cancels
 * that post; call `submit(values)` from it for the same action's answer.
 */
export function useActionForm<TIn extends FieldValues, TOut extends FieldValues = TIn, R = unknown>(action: FormAction<R>, { defaultValues, ...options }: Options<TIn, TOut>) {
  const [answer, formAction] = useActionState(action, NO_ANSWER as FormState<R>);
  // Joined into a string so the memo holds across renders: a new errors object would make
  // react-hook-form set the errors again on every render.
  const fields = Object.keys(defaultValues).join('\n');
  const errors = useMemo(() => answeredErrors<TIn>(answer, fields.split('\n')), [answer, fields]);
  const form = useForm<TIn, unknown, TOut>({ ...options, defaultValues: { ...defaultValues, ...answer.submitted } as DefaultValues<TIn>, errors });
  const submit = (values: TOut) => action(NO_ANSWER as FormState<R>, values);
  return { form, formAction, answer, submit };
}
