import 'server-only';
import { CredentialsSignin, type User } from 'next-auth';
import { findUserByEmail } from '@/db/queries/users';
import { dummyPasswordHash, verifyPassword } from './password';
import { checkSignIn, clearSignIn, recordFailedSignIn } from './sign-in-throttle';
import { signInSchema } from './validations/sign-in';

/**
 * Thrown from authorize() past the sign-in limits. next-auth rethrows it as is to signIn()'s
 * caller (the sign-in action), which turns it into the page's message; a client posting to
 * /api/auth/callback/credentials directly gets `?code=throttled`, the same for every e-mail.
 */
export class SignInThrottledError extends CredentialsSignin {
  code = 'throttled';
  constructor(readonly retryAfterMinutes: number) {
    super();
  }
}

/**
 * The Credentials provider's authorize(): every way of signing in (the sign-in action and
 * next-auth's own callback route) passes here, so the throttle lives here, once. It is checked
 * before the user is looked up or any hash computed, so throttled attempts cost no scrypt and
 * answer alike for known and unknown e-mails.
 */
export async function authorizeCredentials(raw: unknown, ip: string | null): Promise<User | null> {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return null;
  const attempt = { email: parsed.data.email, ip };
  const throttle = await checkSignIn(attempt);
  if (throttle.throttled) throw new SignInThrottledError(throttle.retryAfterMinutes);

  const user = await findUserByEmail({ email: parsed.data.email });
  // Hash even for unknown e-mails, so response time does not reveal which accounts exist.
  const ok = await verifyPassword(parsed.data.password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !ok) {
    await recordFailedSignIn(attempt);
    return null;
  }
  await clearSignIn(attempt);
  return { id: user.id, email: user.email, name: user.name };
}
