'use server';

import { signOut } from '@/lib/auth';
import { routes } from '@/lib/routes';

export async function signOutAction() {
  await signOut({ redirectTo: routes.signIn });
}
