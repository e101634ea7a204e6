import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { currentUser } from '@/lib/session';
import { routes } from '@/lib/routes';

export default async function HomePage() {
  const user = await currentUser();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">{user ? `Welcome back, ${user.name}` : 'Welcome'}</h1>
      <Card>
        {user?.role === 'admin' ? (
          <div className="space-y-3">
            <p className="text-sm text-slate-600">
              Manage API keys and Enhanced Integrations from the community menu: click the community logo, then{' '}
              <strong>Community configuration</strong> → <strong>Integration center</strong>.
            </p>
            <Button asChild variant="secondary">
              <Link href={routes.integrationCenter}>Open the Integration center</Link>
            </Button>
          </div>
        ) : user ? (
          <p className="text-sm text-slate-600">You are signed in as a community member.</p>
        ) : (
          <div className="space-y-3">
            <p className="text-sm text-slate-600">Sign in to manage your community.</p>
            <Button asChild>
              <Link href={routes.signIn}>Sign in</Link>
            </Button>
          </div>
        )}
      </Card>
    </div>
  );
}
