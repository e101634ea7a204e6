import { z } from 'zod';

export const signInSchema = z.object({
  email: z.email({ message: 'Enter your e-mail address' }).trim().max(320),
  password: z.string().min(1, 'Enter your password').max(1024),
});

export type SignInInput = z.infer<typeof signInSchema>;

/** The sign-in form: the credentials, and the page to return to (made same-site by safeReturnPath). */
export const signInFormSchema = signInSchema.extend({ callbackUrl: z.string().max(2048).optional() });

export type SignInFormInput = z.infer<typeof signInFormSchema>;
