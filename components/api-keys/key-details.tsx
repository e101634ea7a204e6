import type { ApiKeyDetails } from '@/db/queries/api-keys';
import { DateTime } from '../ui/date-time';
import { DetailList, DetailRow } from '../ui/detail-row';
import { describeRateLimit } from '@/lib/api-keys/rate-limit-policy';
import { KeyExpiry } from './key-expiry';
import { PermissionsSummary } from './permissions-summary';

export function KeyDetails({ apiKey: key, now }: { apiKey: ApiKeyDetails; now: number }) {
  return (
    <DetailList id="details-title" title="Details">
      <DetailRow term="Description">{key.description || <span className="text-slate-500">None</span>}</DetailRow>
      <DetailRow term="Key">
        <span className="font-mono text-xs">{key.hint}</span> <span className="text-slate-500">(prefix {key.prefix})</span>
      </DetailRow>
      <DetailRow term="Permissions">
        <PermissionsSummary permissions={key.permissions} />
      </DetailRow>
      <DetailRow term="Rate limit">{key.rateLimit ? describeRateLimit(key.rateLimit) : <span className="text-slate-500">{describeRateLimit(null)}</span>}</DetailRow>
      <DetailRow term="IP limits">
        {key.ipLimits.length ? <span className="font-mono text-xs">{key.ipLimits.join(', ')}</span> : <span className="text-slate-500">Any address</span>}
      </DetailRow>
      <DetailRow term="Email notifications">{key.notifyOnUse ? `On, sent to ${key.notifyUserName ?? 'the admin who turned them on'}` : 'Off'}</DetailRow>
      <DetailRow term="Expires">
        <KeyExpiry status={key.status} expiresAt={key.expiresAt} now={now} />
      </DetailRow>
      <DetailRow term="Last used">
        {key.lastUsedAt ? (
          <>
            <DateTime value={key.lastUsedAt} /> {key.lastUsedIp && <span className="font-mono text-xs">from {key.lastUsedIp}</span>}
          </>
        ) : (
          'Never'
        )}
      </DetailRow>
      <DetailRow term="Created">
        <DateTime value={key.createdAt} /> by {key.createdByName}
      </DetailRow>
      {key.disabledAt && (
        <DetailRow term="Disabled">
          <DateTime value={key.disabledAt} /> by {key.disabledByName}
        </DetailRow>
      )}
      <DetailRow term="Last changed">
        <DateTime value={key.updatedAt} />
      </DetailRow>
    </DetailList>
  );
}
