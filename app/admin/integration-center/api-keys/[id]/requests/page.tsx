import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { FindRequestForm } from '@/components/api-keys/find-request-form';
import { PageHeader } from '@/components/page-header';
import { Card } from '@/components/ui/card';
import { findApiKeyForAdmin } from '@/db/queries/api-keys';
import { findRequest } from '@/db/queries/request-detail';
import { parseRequestIdSearch } from '@/lib/api-keys/request-id-search';
import { requireAdmin } from '@/lib/auth';
import { crumbs, routes } from '@/lib/routes';

export const metadata: Metadata = { title: 'Find a request' };

/**
 * Where "Find a request by ID" goes: a request of this key opens its detail view; one of another
 * key of the community is pointed to; anything else is said to be unknown, with the box again.
 */
export default async function FindApiKeyRequestPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ requestId?: string | string[] }> }) {
  const { id } = await params;
  const admin = await requireAdmin(routes.findApiKeyRequest(id));
  const key = await findApiKeyForAdmin({ id, communityId: admin.communityId });
  if (!key) notFound();

  const search = parseRequestIdSearch((await searchParams).requestId);
  const found = search && 'requestId' in search ? await findRequest({ requestId: search.requestId, communityId: admin.communityId }) : null;
  if (found?.apiKeyId === key.id) redirect(routes.apiKeyRequest(key.id, found.requestId));

  return (
    <>
      <PageHeader crumbs={crumbs.findApiKeyRequest(key)} title="Find a request" description={`Requests made with ${key.name}, by the requestId the API returned.`} />
      <Card>
        <FindRequestForm keyId={key.id} value={search && 'requestId' in search ? search.requestId : undefined} error={search && 'error' in search ? search.error : undefined} />
        {search && 'requestId' in search && (
          <div role="status" className="mt-4 text-sm text-slate-700">
            {found ? (
              <p>
                Request <span className="font-mono text-xs">{found.requestId}</span> was not made with {key.name} but with{' '}
                <Link href={routes.apiKeyRequest(found.apiKeyId, found.requestId)} className="font-medium text-brand-700 hover:underline">
                  {found.keyName}
                </Link>
                .
              </p>
            ) : (
              <p>
                No request with ID <span className="font-mono text-xs">{search.requestId}</span> was recorded for this community. Check that it was copied completely;
                requests older than the log keeps are gone.
              </p>
            )}
          </div>
        )}
      </Card>
    </>
  );
}
