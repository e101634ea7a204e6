import type { ApiKeyDetails } from '@/db/queries/api-keys';
import { Card } from '../ui/card';
import { DateTime } from '../ui/date-time';

function Row({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="py-3 sm:grid sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm font-medium text-slate-600">{term}</dt>
      <dd className="mt-1 text-sm text-slate-900 sm:col-span-2 sm:mt-0">{children}</dd>
    </div>
  );
}

export function KeyDetails({ apiKey: key }: { apiKey: ApiKeyDetails }) {
  return (
    <Card aria-labelledby="details-title">
      <h2 id="details-title" className="font-semibold">
        Details
      </h2>
      <dl className="mt-2 divide-y divide-slate-100">
        <Row term="Description">{key.description || <span className="text-slate-500">None</span>}</Row>
        <Row term="Key">
          <span className="font-mono text-xs">{key.hint}</span> <span className="text-slate-500">(prefix {key.prefix})</span>
        </Row>
        <Row term="IP limits">
          {key.ipLimits.length ? <span className="font-mono text-xs">{key.ipLimits.join(', ')}</span> : <span className="text-slate-500">Any address</span>}
        </Row>
        <Row term="Email notifications">{key.notifyOnUse ? `On, sent to ${key.notifyUserName ?? 'the admin who turned them on'}` : 'Off'}</Row>
        <Row term="Expires">{key.expiresAt ? <DateTime value={key.expiresAt} /> : 'Never'}</Row>
        <Row term="Last used">
          {key.lastUsedAt ? (
            <>
              <DateTime value={key.lastUsedAt} /> {key.lastUsedIp && <span className="font-mono text-xs">from {key.lastUsedIp}</span>}
            </>
          ) : (
            'Never'
          )}
        </Row>
        <Row term="Created">
          <DateTime value={key.createdAt} /> by {key.createdByName}
        </Row>
        {key.disabledAt && (
          <Row term="Disabled">
            <DateTime value={key.disabledAt} /> by {key.disabledByName}
          </Row>
        )}
        <Row term="Last changed">
          <DateTime value={key.updatedAt} />
        </Row>
      </dl>
    </Card>
  );
}
