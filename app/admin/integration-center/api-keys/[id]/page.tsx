import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Pencil, RefreshCw } from 'lucide-react';
import { DeleteKeyButton } from '@/components/api-keys/delete-key-button';
import { IpRefusalBanner } from '@/components/api-keys/ip-refusal-banner';
import { KeyActivity, type ViewHref } from './key-activity';
import { KeyDetails } from '@/components/api-keys/key-details';
import { KeyStatusButton } from '@/components/api-keys/key-status-button';
import { RotateKeyButton } from '@/components/api-keys/rotate-key-button';
import { RotationNote } from '@/components/api-keys/rotation-note';
import { LeakBanner } from '@/components/leaked-keys/leak-banner';
import { PageHeader } from '@/components/page-header';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { findApiKeyForAdmin } from '@/db/queries/api-keys';
import { keyImpact } from '@/db/queries/api-usage';
import { ipRefusals } from '@/db/queries/ip-refusals';
import { findCurrentLeakReport } from '@/db/queries/leak-reports';
import { KEY_STATES, keyState, oldSecretValidUntil } from '@/lib/api-keys/key-state';
import { parseOutcomeFilter } from '@/lib/api-keys/outcomes';
import { requireAdmin } from '@/lib/auth';
import { parseLogPosition } from '@/lib/request-log-cursor';
import { crumbs, routes } from '@/lib/routes';
import { parseUsageRange } from '@/lib/usage-ranges';
import { deleteApiKeyAction, disableApiKeyAction, enableApiKeyAction, rotateApiKeyAction } from './actions';

export const metadata: Metadata = { title: 'API key' };

/**
 * `rotate=1` opens the Rotate dialog (the link in a leaked-key notice and banner). `before` /
 * `after` are the request log's page cursors and `from=oldest` its oldest page (lib/request-log-cursor.ts).
 */
type SearchParams = { range?: string; outcome?: string; before?: string; after?: string; from?: string; rotate?: string };

export default async function ApiKeyPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const { id } = await params;
  const admin = await requireAdmin(routes.apiKey(id));
  const key = await findApiKeyForAdmin({ id, communityId: admin.communityId });
  if (!key) notFound();

  const query = await searchParams;
  const range = parseUsageRange(query.range);
  const filter = parseOutcomeFilter(query.outcome);
  const position = parseLogPosition(query);
  const scope = { apiKeyId: key.id, communityId: admin.communityId };
  // The header's dialogs need the impact, the banners their reports; the chart and the logs stream in after (KeyActivity).
  const [impact, leak, refusals] = await Promise.all([keyImpact({ ...scope }), findCurrentLeakReport({ ...scope }), ipRefusals({ ...scope, ipLimits: key.ipLimits })]);

  // A new range or filter starts the log at its newest page: only Newer, Older and Oldest carry a position (a cursor, or from=oldest).
  const href: ViewHref = (next) => {
    const search = new URLSearchParams({ range: next.range ?? range, outcome: next.outcome ?? filter });
    if (next.before) search.set('before', next.before);
    else if (next.after) search.set('after', next.after);
    else if (next.oldest) search.set('from', 'oldest');
    return `${routes.apiKey(key.id)}?${search}`;
  };
  // eslint-disable-next-line react-hooks/purity -- one clock reading per request, for the key's state and expiry
  const now = Date.now();
  const state = KEY_STATES[keyState(key, now)];
  const rotatingUntil = oldSecretValidUntil(key, now);

  return (
    <>
      <PageHeader
        crumbs={crumbs.apiKey(key)}
        title={key.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Badge tone={state.tone}>{state.label}</Badge>
            <span className="font-mono text-xs">{key.hint}</span>
          </span>
        }
        actions={
          <div className="flex flex-wrap gap-2">
            <Button asChild variant="secondary">
              <Link href={routes.editApiKey(key.id)}>
                <Pencil aria-hidden className="size-4" /> Edit
              </Link>
            </Button>
            <KeyStatusButton
              keyId={key.id}
              keyName={key.name}
              enabled={key.status === 'enabled'}
              impact={impact}
              disable={disableApiKeyAction}
              enable={enableApiKeyAction}
            />
            <RotateKeyButton
              // A new mount when ?rotate=1 arrives (the banner's link is a client-side navigation), so the dialog opens.
              key={query.rotate === '1' ? 'rotate' : 'page'}
              keyId={key.id}
              keyName={key.name}
              version={key.updatedAt.toISOString()}
              expiresAt={key.expiresAt?.toISOString() ?? null}
              rotate={rotateApiKeyAction}
              openOnLoad={query.rotate === '1'}
            />
            <DeleteKeyButton keyId={key.id} keyName={key.name} impact={impact} remove={deleteApiKeyAction} />
          </div>
        }
      />
      {leak && <LeakBanner report={leak} rotateHref={routes.rotateApiKey(key.id)} />}
      {refusals && <IpRefusalBanner keyId={key.id} refusals={refusals} />}
      {rotatingUntil && (
        <p role="status" className="mb-6 flex items-center gap-2 rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200">
          <RefreshCw aria-hidden className="size-4 shrink-0" />
          <span>
            <RotationNote until={rotatingUntil} />
          </span>
        </p>
      )}
      <div className="space-y-6">
        <KeyDetails apiKey={key} now={now} />
        <KeyActivity scope={scope} view={{ range, filter, position }} href={href} />
      </div>
    </>
  );
}
