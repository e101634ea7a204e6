'use server';

import { signOut } from '@/lib/session';
import { routes } from '@/lib/routes';

export async function signOutAction() {
  await signOut({ redirectTo: routes.signIn });
}
