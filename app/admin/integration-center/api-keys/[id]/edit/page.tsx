import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AllowIpNote } from '@/components/api-keys/allow-ip-note';
import { EditApiKeyForm } from '@/components/api-keys/edit-api-key-form';
import { PageHeader } from '@/components/page-header';
import { Card } from '@/components/ui/card';
import { DateTime } from '@/components/ui/date-time';
import { findApiKeyForAdmin } from '@/db/queries/api-keys';
import { allowIp } from '@/lib/api-keys/allow-ip';
import { requireAdmin } from '@/lib/auth';
import { rateLimitFormFields } from '@/lib/api-keys/rate-limit-policy';
import { formatUtc } from '@/lib/format';
import { formatIpLimits } from '@/lib/ip-limits';
import { relativeTime } from '@/lib/relative-time';
import { crumbs, routes } from '@/lib/routes';
import { editApiKeyFormAction, previewIpLimitsAction } from '../actions';

export const metadata: Metadata = { title: 'Edit API key' };

/** `allowIp`: an address to add to the IP limits (the key page's "Allow …" link); the admin still saves. */
export default async function EditApiKeyPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ allowIp?: string | string[] }> }) {
  const { id } = await params;
  const admin = await requireAdmin(routes.editApiKey(id));
  const key = await findApiKeyForAdmin({ id, communityId: admin.communityId });
  if (!key) notFound();
  const { allowIp: allowIpParam } = await searchParams;
  const allow = allowIpParam === undefined ? null : allowIp(key.ipLimits, typeof allowIpParam === 'string' ? allowIpParam : '');
  // eslint-disable-next-line react-hooks/purity -- one clock reading per request
  const now = Date.now();
  // An option's text cannot hold a <time>: the relative and exact times are written out, as DateTime shows them.
  const keep = key.expiresAt
    ? `Keep: ${key.expiresAt.getTime() <= now ? 'expired ' : ''}${relativeTime(key.expiresAt, now)} (${formatUtc(key.expiresAt)})`
    : 'Keep: never';

  return (
    <>
      <PageHeader
        crumbs={crumbs.editApiKey(key)}
        title={`Edit “${key.name}”`}
        description={
          <>
            Last changed <DateTime value={key.updatedAt} />. If someone saves before you, you will be asked to reload instead of overwriting their change.
          </>
        }
      />
      {allow && <AllowIpNote allow={allow} />}
      <Card className="max-w-2xl">
        <EditApiKeyForm
          keepExpiryLabel={keep}
          save={editApiKeyFormAction}
          preview={previewIpLimitsAction}
          savedIpLimits={formatIpLimits(key.ipLimits)}
          defaults={{
            id: key.id,
            version: key.updatedAt.toISOString(),
            name: key.name,
            description: key.description,
            ipLimits: formatIpLimits(allow?.kind === 'added' ? allow.entries : key.ipLimits),
            notifyOnUse: key.notifyOnUse,
            permissions: key.permissions,
            expiry: 'keep',
            expiresOn: '',
            ...rateLimitFormFields(key.rateLimit),
          }}
        />
      </Card>
    </>
  );
}
