import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Toaster } from 'sonner';
import { RouteFocus } from '@/components/route-focus';
import { TopBar } from '@/components/top-bar';
import { ClockProvider } from '@/components/ui/clock';
import { isDatabaseUnavailable } from '@/db/errors';
import { findDisplayCommunity } from '@/db/queries/communities';
import { currentUser } from '@/lib/session';
import { signOutAction } from './actions';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Integration Center', template: '%s · Integration Center' },
  description: 'API keys and Enhanced Integrations for your community.',
};

function nullIfDatabaseUnavailable(error: unknown): null {
  if (isDatabaseUnavailable(error)) return null;
  throw error;
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  // The name and logo are cosmetic: with the database unreachable the sign-in page still renders
  // (under the default name), so signing in can say what is wrong.
  const fallback = user ? null : await findDisplayCommunity().catch(nullIfDatabaseUnavailable);
  const community = user
    ? { name: user.communityName, logoUrl: user.communityLogoUrl }
    : { name: fallback?.name ?? 'Integration Center', logoUrl: fallback?.logoUrl ?? '/community-logo.svg' };

  return (
    <html lang="en">
      <body className="min-h-screen">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
          Skip to content
        </a>
        <TopBar community={community} user={user} signOutAction={signOutAction} />
        <main id="main" className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
          {/* eslint-disable-next-line react-hooks/purity -- the request's time, which relative times render with on the server and while hydrating */}
          <ClockProvider now={Date.now()}>{children}</ClockProvider>
        </main>
        <Toaster position="bottom-right" richColors closeButton />
        <RouteFocus />
      </body>
    </html>
  );
}
