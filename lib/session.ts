import 'server-only';
// The session cookie (next-auth) and who it belongs to. Tests mock this module, and only this one:
// the role rule (roles.ts) and the guard (auth.ts) run for real.
import NextAuth, { CredentialsSignin } from 'next-auth';
import { cache } from 'react';
import Credentials from 'next-auth/providers/credentials';
import type { SessionUser } from '@/db/queries/users';
import { getConfig } from './config';
import { authorizeCredentials } from './credentials';
import { log } from './logger';
import { clientIpFrom } from './request-stamp';
import { endSession, sessionUser, startSession } from './session-store';

declare module 'next-auth' {
  interface Session {
    /** The sessions row the cookie names (lib/session-store.ts). */
    sessionId?: string;
  }
}

// A function, so the configuration is read when a request needs it, not when `next build` imports this.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  // The cookie's own lifetime; the session's row ends it earlier when signed out or idle.
  session: { strategy: 'jwt', maxAge: getConfig().SESSION_MAX_AGE_HOURS * 60 * 60 },
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
    async jwt({ token, user, trigger }) {
      if (trigger === 'signIn' && user?.id) {
        token.sub = user.id;
        token.sid = await startSession(user.id);
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      if (typeof token.sid === 'string') session.sessionId = token.sid;
      return session;
    },
  },
  events: {
    // Every way out (the Sign out button's action, next-auth's own sign-out route) ends the row.
    async signOut(message) {
      if ('token' in message) await endSession(message.token?.sid);
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
}));

/**
 * The signed-in user: the session's row must still exist and last (lib/session-store.ts), and the
 * user is read from the database (not the token) so role changes apply at once. Read once per
 * page render (React's `cache`: the layout, the admin guard and the page share it); server
 * actions and route handlers, outside a render, read it afresh on every call.
 */
export const currentUser = cache(async function currentUser(): Promise<SessionUser | null> {
  const session = await auth();
  return session ? sessionUser({ sessionId: session.sessionId, userId: session.user?.id }) : null;
});

/** Ends the current session on the server (not only its cookie), then clears the cookie. */
export async function endSessionAndSignOut(redirectTo: string): Promise<void> {
  // Before signOut(): it swallows errors from its events, and a session the database still holds
  // must not look ended. If this fails, the cookie is kept and Sign out can be tried again.
  await endSession((await auth())?.sessionId);
  await signOut({ redirectTo });
}
