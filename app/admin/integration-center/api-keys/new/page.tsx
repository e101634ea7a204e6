import type { Metadata } from 'next';
import { CreateApiKeyForm } from '@/components/api-keys/create-api-key-form';
import { PageHeader } from '@/components/page-header';
import { Card } from '@/components/ui/card';
import { findCommunity } from '@/db/queries/communities';
import { curlExample } from '@/lib/api/openapi/curl-example';
import { GET_CALLING_KEY } from '@/lib/api/openapi/operations';
import { requireAdmin } from '@/lib/auth';
import { requestOrigin } from '@/lib/request-origin';
import { crumbs, routes } from '@/lib/routes';
import { createApiKeyFormAction } from './actions';

export const metadata: Metadata = { title: 'Create an API Key' };

export default async function NewApiKeyPage() {
  const admin = await requireAdmin(routes.newApiKey);
  const [community, origin] = await Promise.all([findCommunity({ id: admin.communityId }), requestOrigin()]);
  return (
    <>
      <PageHeader
        crumbs={[...crumbs.newApiKey]}
        title="Create an API Key"
        description="The key is shown once, right after you submit. Only a fingerprint of it is stored."
      />
      <Card className="max-w-2xl">
        <CreateApiKeyForm action={createApiKeyFormAction} defaultPrefix={community?.defaultKeyPrefix ?? 'ic'} tryCommand={curlExample(GET_CALLING_KEY, origin)} />
      </Card>
    </>
  );
}
