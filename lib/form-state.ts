import type { z } from 'zod';

/** What every server action answers a form: field errors to show beside fields, or one message. */
export type FormState<T = unknown> = {
  ok?: boolean;
  message?: string;
  errors?: Record<string, string[] | undefined>;
  data?: T;
  /** A form posted before hydration: what it sent, to fill it in again (never a password). */
  submitted?: Record<string, unknown>;
};

/** useActionState's state before the first answer. */
export const NO_ANSWER: FormState<never> = {};

/**
 * A server action a form posts to (lib/form-action.ts): `<form action>` posts FormData to it
 * before the page is hydrated; once hydrated the form validates, then calls it with its values.
 */
export type FormAction<T = unknown> = (previous: FormState<T>, input: unknown) => Promise<FormState<T>>;

export function fieldErrors<T = never>(error: z.ZodError): FormState<T> {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    (errors[field] ??= []).push(issue.message);
  }
  return { errors, message: 'Please fix the highlighted fields.' };
}
