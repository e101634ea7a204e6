import type { Metadata } from 'next';
import Link from 'next/link';
import { ChevronRight, KeyRound, Mail, ScrollText } from 'lucide-react';
import { EnhancedIntegrations } from '@/components/enhanced-integrations';
import { LeakedKeysCard } from '@/components/leaked-keys/leaked-keys-card';
import { PageHeader } from '@/components/page-header';
import { Card } from '@/components/ui/card';
import { hasValidApiKey } from '@/db/queries/api-keys';
import { findCommunity } from '@/db/queries/communities';
import { requireAdmin } from '@/lib/auth';
import { requestOrigin } from '@/lib/request-origin';
import { crumbs, routes } from '@/lib/routes';
import { changeLeakedKeyPolicyFormAction } from './actions';

export const metadata: Metadata = { title: 'Integration center' };

const SECTIONS = [
  { href: routes.apiKeys, icon: KeyRound, title: 'API Keys', description: 'Create, disable and rotate the keys your integrations use.' },
  { href: routes.auditLog, icon: ScrollText, title: 'Audit log', description: 'Who created, changed, disabled, rotated or deleted which key, from where and when.' },
  {
    href: routes.mailbox,
    icon: Mail,
    title: 'Mailbox',
    description: 'Every notice the product sends about your keys: first use, new IP addresses, digests and security notices.',
  },
] as const;

export default async function IntegrationCenterPage() {
  const admin = await requireAdmin(routes.integrationCenter);
  const [available, origin, community] = await Promise.all([hasValidApiKey({ communityId: admin.communityId }), requestOrigin(), findCommunity({ id: admin.communityId })]);
  return (
    <>
      <PageHeader
        crumbs={[...crumbs.integrationCenter]}
        title="Integration center"
        description="Connect scripts and tools to your community with API keys."
      />
      <Card className="divide-y divide-slate-200 p-0">
        {SECTIONS.map(({ href, icon: Icon, title, description }) => (
          <Link key={href} href={href} className="flex items-center gap-4 p-5 hover:bg-slate-50">
            <Icon aria-hidden className="size-6 text-brand-600" />
            <span className="flex-1">
              <span className="block font-medium">{title}</span>
              <span className="block text-sm text-slate-600">{description}</span>
            </span>
            <ChevronRight aria-hidden className="size-5 text-slate-400" />
          </Link>
        ))}
      </Card>
      <div className="mt-6">{community && <LeakedKeysCard origin={origin} policy={community.leakedKeyPolicy} save={changeLeakedKeyPolicyFormAction} />}</div>
      <div className="mt-6">
        <EnhancedIntegrations available={available} origin={origin} />
      </div>
    </>
  );
}
