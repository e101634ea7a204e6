import type { ReactNode } from 'react';
import { plural } from '@/lib/format';

export type KeyImpactSummary = { integrations: number; names: string[]; requests: number };

function UsedBy({ impact }: { impact: KeyImpactSummary }) {
  if (impact.integrations === 0) return <p>No integration has used this key in the last 30 days.</p>;
  const more = impact.integrations - impact.names.length;
  return (
    <p>
      <strong>Used by {plural(impact.integrations, 'integration')} in the last 30 days</strong>: {impact.names.join(', ')}
      {more > 0 && ` and ${more} more`}.
    </p>
  );
}

/** "Used by 3 integrations in the last 30 days: Jira, Zapier, 203.0.113.7", then what the action will do to them. */
export function KeyImpact({ impact, children }: { impact: KeyImpactSummary; children: ReactNode }) {
  return (
    <div className="space-y-2">
      <UsedBy impact={impact} />
      <p>{children}</p>
    </div>
  );
}
