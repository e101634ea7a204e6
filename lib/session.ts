import 'server-only';
// The session cookie (next-auth) and who it belongs to. Tests mock this module, and only this one:
// the role rule (roles.ts) and the guard (auth.ts) run for real.
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { findSessionUser, findUserByEmail, type SessionUser } from '@/db/queries/users';
import { log } from './logger';
import { dummyPasswordHash, verifyPassword } from './password';
import { signInSchema } from './validations/sign-in';

export const { handlers, auth, signIn, signOut } = NextAuth({
  session: { strategy: 'jwt', maxAge: 8 * 60 * 60 },
  pages: { signIn: '/sign-in' },
  trustHost: true,
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) return null;
        const user = await findUserByEmail({ email: parsed.data.email });
        // Hash even for unknown e-mails, so response time does not reveal which accounts exist.
        const ok = await verifyPassword(parsed.data.password, user?.passwordHash ?? (await dummyPasswordHash()));
        if (!user || !ok) return null;
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
  logger: {
    // A wrong password is an expected event, not an error with a stack trace.
    error(error) {
      if (error instanceof CredentialsSignin || error.name === 'CredentialsSignin') return;
      log.error({ err: error }, 'auth error');
    },
    warn(code) {
      log.warn({ code }, 'auth warning');
    },
    debug() {},
  },
});

/** The signed-in user, read from the database (not the token) so role changes apply at once. */
export async function currentUser(): Promise<SessionUser | null> {
  const session = await auth();
  const id = session?.user?.id;
  return id ? findSessionUser({ id }) : null;
}
