import type { Metadata } from 'next';
import Link from 'next/link';
import { ChevronRight, Plug } from 'lucide-react';
import { PageHeader } from '@/components/page-header';
import { Card } from '@/components/ui/card';
import { requireAdmin } from '@/lib/auth';
import { crumbs, routes } from '@/lib/routes';

export const metadata: Metadata = { title: 'Community configuration' };

export default async function CommunityConfigurationPage() {
  const admin = await requireAdmin(routes.communityConfiguration);
  return (
    <>
      <PageHeader crumbs={[...crumbs.communityConfiguration]} title="Community configuration" description={`Settings for ${admin.communityName}.`} />
      <Card className="p-0">
        <ul className="divide-y divide-slate-200">
          <li>
            <Link href={routes.integrationCenter} className="flex items-center gap-4 p-5 hover:bg-slate-50">
              <Plug aria-hidden className="size-6 text-brand-600" />
              <span className="flex-1">
                <span className="block font-medium">Integration center</span>
                <span className="block text-sm text-slate-600">API keys and Enhanced Integrations for scripts and connected tools.</span>
              </span>
              <ChevronRight aria-hidden className="size-5 text-slate-400" />
            </Link>
          </li>
        </ul>
      </Card>
    </>
  );
}
