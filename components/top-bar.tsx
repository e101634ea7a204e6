import Link from 'next/link';
import { LogOut } from 'lucide-react';
import type { Role } from '@/db/schema';
import { isAdmin } from '@/lib/roles';
import { routes } from '@/lib/routes';
import { CommunityMenu } from './community-menu';
import { Button } from './ui/button';

type TopBarProps = {
  community: { name: string; logoUrl: string };
  user: { name: string; email: string; role: Role } | null;
  signOutAction: () => Promise<void>;
};

export function TopBar({ community, user, signOutAction }: TopBarProps) {
  return (
    <header className="sticky top-0 z-40 border-b border-slate-200 bg-white/95 backdrop-blur">
      <nav aria-label="Main" className="mx-auto flex h-16 max-w-6xl items-center gap-3 px-4 sm:px-6">
        <CommunityMenu communityName={community.name} logoUrl={community.logoUrl} isAdmin={isAdmin(user)} />
        <Link href={routes.home} className="min-w-0 truncate text-sm font-semibold text-slate-900 sm:text-base">
          {community.name}
        </Link>
        {/* The community name gives way (truncates) before "Sign out" wraps on a phone. */}
        <div className="ml-auto flex shrink-0 items-center gap-3">
          {user ? (
            <>
              <span className="hidden text-right text-sm leading-tight sm:block">
                <span className="block font-medium">{user.name}</span>
                <span className="block text-xs text-slate-500">{isAdmin(user) ? 'Community admin' : 'Member'}</span>
              </span>
              <form action={signOutAction}>
                <Button type="submit" variant="ghost" className="whitespace-nowrap">
                  <LogOut aria-hidden className="size-4" />
                  Sign out
                </Button>
              </form>
            </>
          ) : (
            <Button asChild variant="secondary">
              <Link href={routes.signIn}>Sign in</Link>
            </Button>
          )}
        </div>
      </nav>
    </header>
  );
}
