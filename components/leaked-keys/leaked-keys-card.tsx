import { ShieldAlert } from 'lucide-react';
import type { ComponentProps } from 'react';
import { Card } from '../ui/card';
import { LeakedKeyPolicyForm } from './leaked-key-policy-form';

type Props = ComponentProps<typeof LeakedKeyPolicyForm> & {
  /** This deployment's address, so the endpoints shown are the ones to register. */
  origin: string;
};

/**
 * The Integration center's leaked-keys section: who reports a key (a secret scanner, anyone at
 * the public revoke endpoint) and the community's policy for it.
 */
export function LeakedKeysCard({ origin, ...form }: Props) {
  const endpoints = [
    { label: 'Secret scanning reports (GitHub’s partner protocol)', path: '/api/secret-scanning/github' },
    { label: 'Public revoke requests (anyone who finds a key)', path: '/api/credentials/revoke' },
  ];
  return (
    <Card aria-labelledby="leaked-keys-heading">
      <div className="mb-4 flex items-start gap-4">
        <ShieldAlert aria-hidden className="size-6 shrink-0 text-brand-600" />
        <div className="space-y-2">
          <h2 id="leaked-keys-heading" className="font-medium">
            Leaked keys
          </h2>
          <p className="text-sm text-slate-600">
            Keys found in public code or logs are reported here; the key’s admin gets a security notice either way, and the audit log and the key’s request log
            show the report.
          </p>
          <dl className="text-sm">
            {endpoints.map(({ label, path }) => (
              <div key={path}>
                <dt className="text-slate-600">{label}</dt>
                <dd className="break-all font-mono text-xs">POST {`${origin}${path}`}</dd>
              </div>
            ))}
          </dl>
        </div>
      </div>
      <LeakedKeyPolicyForm {...form} />
    </Card>
  );
}
