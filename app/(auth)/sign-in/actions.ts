'use server';

import { AuthError } from 'next-auth';
import { redirect } from 'next/navigation';
import { isDatabaseUnavailable } from '@/db/errors';
import { findUserByEmail } from '@/db/queries/users';
import { SignInThrottledError } from '@/lib/credentials';
import { databaseUnreachableMessage } from '@/lib/database-unreachable';
import { formAction } from '@/lib/form-action';
import { fieldErrors, type FormState } from '@/lib/form-state';
import { landingPath } from '@/lib/landing-path';
import { signIn } from '@/lib/session';
import { signInThrottledMessage } from '@/lib/sign-in-throttle';
import { signInFormSchema } from '@/lib/validations/sign-in';

async function signInWith(input: unknown): Promise<FormState> {
  const parsed = signInFormSchema.safeParse(input);
  if (!parsed.success) return fieldErrors(parsed.error);
  const { callbackUrl, ...credentials } = parsed.data;
  try {
    // authorize() (lib/credentials.ts) applies the sign-in limits; it throws SignInThrottledError past them.
    await signIn('credentials', { ...credentials, redirect: false });
  } catch (error) {
    if (error instanceof SignInThrottledError) return { message: signInThrottledMessage(error.retryAfterMinutes) };
    // next-auth wraps what authorize() threw; an outage is not a wrong password.
    if (isDatabaseUnavailable(error)) return { message: databaseUnreachableMessage('you are not signed in') };
    if (error instanceof AuthError) return { message: 'That e-mail and password do not match an account.' };
    throw error;
  }
  const user = await findUserByEmail({ email: credentials.email });
  redirect(user ? landingPath(callbackUrl, user) : '/');
}

// A failed post before hydration fills in the e-mail again, never the password.
export const signInAction = formAction(signInFormSchema, signInWith, { echo: ['email', 'callbackUrl'] });
