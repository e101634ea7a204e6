import type { SessionUser } from '@/db/queries/users';
import { isAdmin } from './roles';
import { routes } from './routes';
import { safeReturnPath } from './safe-return-path';

/** Pages only admins may open: everything under /admin (each page checks it again, lib/auth.ts). */
export function isAdminPath(path: string): boolean {
  const pathname = path.split(/[?#]/, 1)[0];
  return pathname === routes.communityConfiguration || pathname.startsWith(`${routes.communityConfiguration}/`);
}

/**
 * Where signing in leads: back to the page asked for, but home for a member who followed a link to
 * an admin page (the 403 page right after signing in reads as a failed sign-in).
 */
export function landingPath(callbackUrl: unknown, user: Pick<SessionUser, 'role'>): string {
  const path = safeReturnPath(callbackUrl);
  return isAdminPath(path) && !isAdmin(user) ? routes.home : path;
}
