'use server';

import { AuthError } from 'next-auth';
import { redirect } from 'next/navigation';
import { isDatabaseUnavailable } from '@/db/errors';
import { SignInThrottledError } from '@/lib/credentials';
import { databaseUnreachableMessage } from '@/lib/database-unreachable';
import { signIn } from '@/lib/session';
import { fieldErrors, type FormState } from '@/lib/form-state';
import { safeReturnPath } from '@/lib/safe-return-path';
import { signInThrottledMessage } from '@/lib/sign-in-throttle';
import { signInSchema } from '@/lib/validations/sign-in';

export async function signInAction(input: unknown, callbackUrl: unknown): Promise<FormState> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return fieldErrors(parsed.error);
  try {
    // authorize() (lib/credentials.ts) applies the sign-in limits; it throws SignInThrottledError past them.
    await signIn('credentials', { ...parsed.data, redirect: false });
  } catch (error) {
    if (error instanceof SignInThrottledError) return { message: signInThrottledMessage(error.retryAfterMinutes) };
    // next-auth wraps what authorize() threw; an outage is not a wrong password.
    if (isDatabaseUnavailable(error)) return { message: databaseUnreachableMessage('you are not signed in') };
    if (error instanceof AuthError) return { message: 'That e-mail and password do not match an account.' };
    throw error;
  }
  redirect(safeReturnPath(callbackUrl));
}
