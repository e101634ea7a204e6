import type { Metadata } from 'next';
import Link from 'next/link';
import { KeyRound, Plus } from 'lucide-react';
import { ApiKeyTable } from '@/components/api-keys/api-key-table';
import { PageHeader } from '@/components/page-header';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/empty-state';
import { listApiKeys } from '@/db/queries/api-keys';
import { requireAdmin } from '@/lib/auth';
import { crumbs, routes } from '@/lib/routes';

export const metadata: Metadata = { title: 'API Keys' };

function CreateButton() {
  return (
    <Button asChild>
      <Link href={routes.newApiKey}>
        <Plus aria-hidden className="size-4" /> Create an API Key
      </Link>
    </Button>
  );
}

/** `created` marks the key just created (routes.createdApiKey): highlighted, focus lands on it. */
export default async function ApiKeysPage({ searchParams }: { searchParams: Promise<{ created?: string | string[] }> }) {
  const admin = await requireAdmin(routes.apiKeys);
  const { created } = await searchParams;
  const keys = await listApiKeys({ communityId: admin.communityId });
  return (
    <>
      <PageHeader
        crumbs={[...crumbs.apiKeys]}
        title="API Keys"
        description="Keys let integrations call your community's API. Disabling a key breaks every integration that uses it."
        actions={keys.length > 0 ? <CreateButton /> : undefined}
      />
      {keys.length > 0 ? (
        // eslint-disable-next-line react-hooks/purity -- one clock reading per request, for expiry
        <ApiKeyTable keys={keys} now={Date.now()} highlightId={typeof created === 'string' ? created : undefined} />
      ) : (
        <EmptyState icon={KeyRound} title="No API keys yet">
          <p className="mb-5">Create a key to connect your first integration.</p>
          <CreateButton />
        </EmptyState>
      )}
    </>
  );
}
