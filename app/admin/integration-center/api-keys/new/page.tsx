import type { Metadata } from 'next';
import { CreateApiKeyForm } from '@/components/api-keys/create-api-key-form';
import { PageHeader } from '@/components/page-header';
import { Card } from '@/components/ui/card';
import { findCommunity } from '@/db/queries/communities';
import { requireAdmin } from '@/lib/auth';
import { crumbs, routes } from '@/lib/routes';
import { createApiKeyFormAction } from './actions';

export const metadata: Metadata = { title: 'Create an API Key' };

export default async function NewApiKeyPage() {
  const admin = await requireAdmin(routes.newApiKey);
  const community = await findCommunity({ id: admin.communityId });
  return (
    <>
      <PageHeader
        crumbs={[...crumbs.newApiKey]}
        title="Create an API Key"
        description="The key is shown once, right after you submit. Only a fingerprint of it is stored."
      />
      <Card className="max-w-2xl">
        <CreateApiKeyForm action={createApiKeyFormAction} defaultPrefix={community?.defaultKeyPrefix ?? 'ic'} />
      </Card>
    </>
  );
}
