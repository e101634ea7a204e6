export type KeyImpactSummary = { integrations: number; names: string[]; requests: number };

/** "Used by 3 integrations in the last 30 days: Jira, Zapier, 203.0.113.7" */
export function KeyImpact({ impact }: { impact: KeyImpactSummary }) {
  if (impact.integrations === 0) return <p>No integration has used this key in the last 30 days.</p>;
  const more = impact.integrations - impact.names.length;
  return (
    <p>
      <strong>
        Used by {impact.integrations} {impact.integrations === 1 ? 'integration' : 'integrations'} in the last 30 days
      </strong>
      : {impact.names.join(', ')}
      {more > 0 && ` and ${more} more`}.
    </p>
  );
}
