import 'server-only';
import { headers } from 'next/headers';
import { unstable_rethrow } from 'next/navigation';
import type { z } from 'zod';
import type { SessionUser } from '@/db/queries/users';
import { clientIpFrom } from './request-stamp';
import { isAdmin } from './roles';
import { currentUser } from './session';
import { fieldErrors, type FormState } from './form-state';
import { log } from './logger';

export type AdminContext = { user: SessionUser; ip: string | null };

/**
 * The one wrapper for admin server actions: checks the session and the admin role next to the
 * data, parses the input with the form's schema, then runs the handler. Anything the client
 * sent that fails the schema changes nothing.
 */
export function adminAction<S extends z.ZodType, R>(
  schema: S,
  handler: (data: z.output<S>, context: AdminContext) => Promise<FormState<R>>,
) {
  return async (input: unknown): Promise<FormState<R>> => {
    const user = await currentUser();
    if (!user) return { message: 'Your session has ended. Sign in again.' };
    if (!isAdmin(user)) return { message: 'Only community admins can do this.' };
    const parsed = schema.safeParse(input);
    if (!parsed.success) return fieldErrors(parsed.error);
    try {
      return await handler(parsed.data, { user, ip: clientIpFrom(await headers()) });
    } catch (error) {
      unstable_rethrow(error); // redirect() / notFound() are control flow, not failures
      log.error({ err: error }, 'admin action failed');
      return { message: 'Something went wrong and nothing was changed. Try again in a moment.' };
    }
  };
}
