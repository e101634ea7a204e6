import 'server-only';
import { headers } from 'next/headers';
import { unstable_rethrow } from 'next/navigation';
import type { z } from 'zod';
import { isDatabaseUnavailable } from '@/db/errors';
import type { SessionUser } from '@/db/queries/users';
import { databaseUnreachableMessage, NOTHING_CHANGED } from './database-unreachable';
import { clientIpFrom } from './request-stamp';
import { isAdmin } from './roles';
import { currentUser } from './session';
import { fieldErrors, type FormState } from './form-state';
import { log } from './logger';
import { unstorableText } from './storable-text';

export type AdminContext = { user: SessionUser; ip: string | null };

export type AdminActionOptions = {
  /** What is still so when the database cannot be reached, as the admin sees it: "the key is still enabled". */
  ifUnreachable?: string;
};

/**
 * The one wrapper for admin server actions: checks the session and the admin role next to the
 * data, refuses text the database cannot store, parses the input with the form's schema, then
 * runs the handler. Anything the client sent that fails the schema changes nothing; a database
 * outage (the session lookup included) answers that it is unreachable and what is still so.
 */
export function adminAction<S extends z.ZodType, R>(
  schema: S,
  handler: (data: z.output<S>, context: AdminContext) => Promise<FormState<R>>,
  { ifUnreachable = NOTHING_CHANGED }: AdminActionOptions = {},
) {
  return async (input: unknown): Promise<FormState<R>> => {
    try {
      const user = await currentUser();
      if (!user) return { message: 'Your session has ended. Sign in again.' };
      if (!isAdmin(user)) return { message: 'Only community admins can do this.' };
      const unstorable = unstorableText(input);
      if (unstorable) return fieldErrors(unstorable);
      const parsed = schema.safeParse(input);
      if (!parsed.success) return fieldErrors(parsed.error);
      return await handler(parsed.data, { user, ip: clientIpFrom(await headers()) });
    } catch (error) {
      unstable_rethrow(error); // redirect() / notFound() are control flow, not failures
      if (isDatabaseUnavailable(error)) {
        log.warn({ err: error }, 'admin action: database unreachable');
        return { message: databaseUnreachableMessage(ifUnreachable) };
      }
      log.error({ err: error }, 'admin action failed');
      return { message: 'Something went wrong and nothing was changed. Try again in a moment.' };
    }
  };
}
