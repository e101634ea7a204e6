import type { SessionUser } from '@/db/queries/users';

/** The one role rule: only a community's admins manage its keys, mailbox and audit log. */
export function isAdmin(user: Pick<SessionUser, 'role'> | null): user is SessionUser {
  return user?.role === 'admin';
}
