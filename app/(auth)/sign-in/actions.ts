'use server';

import { AuthError } from 'next-auth';
import { redirect } from 'next/navigation';
import { SignInThrottledError } from '@/lib/credentials';
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
    if (error instanceof AuthError) return { message: 'That e-mail and password do not match an account.' };
    throw error;
  }
  redirect(safeReturnPath(callbackUrl));
}
