import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ArrowLeft } from 'lucide-react';
import { FindRequestForm } from '@/components/api-keys/find-request-form';
import { RequestDetailList } from '@/components/api-keys/request-detail';
import { PageHeader } from '@/components/page-header';
import { Button } from '@/components/ui/button';
import { findApiKeyForAdmin } from '@/db/queries/api-keys';
import { findRequest } from '@/db/queries/request-detail';
import { requireAdmin } from '@/lib/auth';
import { crumbs, routes } from '@/lib/routes';

export const metadata: Metadata = { title: 'Request' };

export default async function ApiKeyRequestPage({ params }: { params: Promise<{ id: string; requestId: string }> }) {
  // Request ids are UUIDs (server.ts stamps them), so the segment needs no decoding.
  const { id, requestId } = await params;
  const admin = await requireAdmin(routes.apiKeyRequest(id, requestId));
  const key = await findApiKeyForAdmin({ id, communityId: admin.communityId });
  if (!key) notFound();
  // Another key's request, another community's, or no such id: not found, nothing told.
  const request = await findRequest({ requestId, apiKeyId: key.id, communityId: admin.communityId });
  if (!request) notFound();

  return (
    <>
      <PageHeader
        crumbs={crumbs.apiKeyRequest(key, request.requestId)}
        title={`${request.method} ${request.path}`}
        description={`A request made with ${key.name}`}
        actions={
          <Button asChild variant="secondary">
            <Link href={routes.apiKey(key.id)}>
              <ArrowLeft aria-hidden className="size-4" /> Back to {key.name}
            </Link>
          </Button>
        }
      />
      <div className="space-y-6">
        <RequestDetailList request={request} />
        <FindRequestForm keyId={key.id} />
      </div>
    </>
  );
}
