import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/sign-in-form';
import { Card } from '@/components/ui/card';
import { landingPath } from '@/lib/landing-path';
import { currentUser } from '@/lib/session';
import { safeReturnPath } from '@/lib/safe-return-path';
import { signInAction } from './actions';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const callbackUrl = safeReturnPath((await searchParams).callbackUrl);
  const user = await currentUser();
  if (user) redirect(landingPath(callbackUrl, user));
  return (
    <Card className="mx-auto mt-8 max-w-md">
      <h1 className="text-xl font-semibold">Sign in</h1>
      <p className="mt-1 text-sm text-slate-600">Use your community account.</p>
      <SignInForm action={signInAction} callbackUrl={callbackUrl} />
    </Card>
  );
}
