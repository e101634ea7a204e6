'use server';

import { endSessionAndSignOut } from '@/lib/session';
import { routes } from '@/lib/routes';

export async function signOutAction() {
  await endSessionAndSignOut(routes.signIn);
}
