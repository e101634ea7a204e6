import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { EditApiKeyForm } from '@/components/api-keys/edit-api-key-form';
import { PageHeader } from '@/components/page-header';
import { Card } from '@/components/ui/card';
import { findApiKeyForAdmin } from '@/db/queries/api-keys';
import { requireAdmin } from '@/lib/auth';
import { rateLimitFormFields } from '@/lib/api-keys/rate-limit-policy';
import { formatIpLimits } from '@/lib/ip-limits';
import { crumbs, routes } from '@/lib/routes';
import { editApiKeyFormAction, previewIpLimitsAction } from '../actions';

export const metadata: Metadata = { title: 'Edit API key' };

export default async function EditApiKeyPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const admin = await requireAdmin(routes.editApiKey(id));
  const key = await findApiKeyForAdmin({ id, communityId: admin.communityId });
  if (!key) notFound();
  const keep = key.expiresAt ? `Keep: ${key.expiresAt.toISOString().slice(0, 10)}` : 'Keep: never';

  return (
    <>
      <PageHeader
        crumbs={crumbs.editApiKey(key)}
        title={`Edit “${key.name}”`}
        description={`Last changed ${key.updatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC. If someone saves before you, you will be asked to reload instead of overwriting their change.`}
      />
      <Card className="max-w-2xl">
        <EditApiKeyForm
          keepExpiryLabel={keep}
          save={editApiKeyFormAction}
          preview={previewIpLimitsAction}
          defaults={{
            id: key.id,
            version: key.updatedAt.toISOString(),
            name: key.name,
            description: key.description,
            ipLimits: formatIpLimits(key.ipLimits),
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
