import 'server-only';
// The session cookie (next-auth) and who it belongs to. Tests mock this module, and only this one:
// the role rule (roles.ts) and the guard (auth.ts) run for real.
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { findSessionUser, type SessionUser } from '@/db/queries/users';
import { authorizeCredentials } from './credentials';
import { log } from './logger';
import { clientIpFrom } from './request-stamp';

export const { handlers, auth, signIn, signOut } = NextAuth({
  session: { strategy: 'jwt', maxAge: 8 * 60 * 60 },
  pages: { signIn: '/sign-in' },
  trustHost: true,
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      // The request carries server.ts's stamp (the sign-in action's headers, or the callback route's).
      authorize: (raw, request) => authorizeCredentials(raw, clientIpFrom(request.headers)),
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
