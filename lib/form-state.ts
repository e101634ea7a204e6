import type { z } from 'zod';

/** What every server action answers a form: field errors to show beside fields, or one message. */
export type FormState<T = unknown> = {
  ok?: boolean;
  message?: string;
  errors?: Record<string, string[] | undefined>;
  data?: T;
};

export function fieldErrors<T = never>(error: z.ZodError): FormState<T> {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    (errors[field] ??= []).push(issue.message);
  }
  return { errors, message: 'Please fix the highlighted fields.' };
}
