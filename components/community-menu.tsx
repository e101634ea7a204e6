'use client';

import { Home, KeyRound, Plug, Settings } from 'lucide-react';
import Link from 'next/link';
import { routes } from '@/lib/routes';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuGroup,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from './ui/dropdown-menu';

/** The community logo in the upper left opens the navigation menu (SPEC §2). */
export function CommunityMenu(props: { communityName: string; logoUrl: string; isAdmin: boolean }) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        aria-label="Community logo"
        className="flex size-10 items-center justify-center rounded-lg ring-1 ring-slate-200 transition hover:ring-brand-600 data-[state=open]:ring-2 data-[state=open]:ring-brand-600"
      >
        {/* eslint-disable-next-line @next/next/no-img-element -- a community-supplied logo of any size */}
        <img src={props.logoUrl} alt="" className="size-8 rounded-md" />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start">
        <DropdownMenuLabel>{props.communityName}</DropdownMenuLabel>
        <DropdownMenuItem asChild>
          <Link href={routes.home}>
            <Home aria-hidden className="size-4" /> Home
          </Link>
        </DropdownMenuItem>
        {props.isAdmin && (
          <>
            <DropdownMenuSeparator />
            <DropdownMenuGroup>
              <DropdownMenuItem asChild>
                <Link href={routes.communityConfiguration}>
                  <Settings aria-hidden className="size-4" /> Community configuration
                </Link>
              </DropdownMenuItem>
              <DropdownMenuItem asChild className="ml-6">
                <Link href={routes.integrationCenter}>
                  <Plug aria-hidden className="size-4" /> Integration center
                </Link>
              </DropdownMenuItem>
              <DropdownMenuItem asChild className="ml-12">
                <Link href={routes.apiKeys}>
                  <KeyRound aria-hidden className="size-4" /> API Keys
                </Link>
              </DropdownMenuItem>
            </DropdownMenuGroup>
          </>
        )}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
