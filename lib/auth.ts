import 'server-only';
import { forbidden, redirect } from 'next/navigation';
import type { SessionUser } from '@/db/queries/users';
import { isAdmin } from './roles';
import { safeReturnPath } from './safe-return-path';
import { currentUser } from './session';

/**
 * The one guard for admin pages: signed-out visitors go to sign-in and come back; members get
 * the 403 "not allowed" page. Server actions and route handlers use currentUser() (./session) and
 * isAdmin() (./roles) directly, as lib/admin-action.ts does.
 */
export async function requireAdmin(returnTo: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(safeReturnPath(returnTo))}`);
  if (!isAdmin(user)) forbidden();
  return user;
}
