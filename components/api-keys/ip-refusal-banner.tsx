import { ShieldX } from 'lucide-react';
import Link from 'next/link';
import type { IpRefusals } from '@/db/queries/ip-refusals';
import { formatCount } from '@/lib/format';
import { routes } from '@/lib/routes';
import { Button } from '../ui/button';
import { NoticeBanner } from '../ui/notice-banner';

const andList = new Intl.ListFormat('en', { type: 'conjunction' });

/**
 * Shown on the key page while calls from addresses the key's IP limits refuse keep arriving (last
 * 24 hours): often an integration that moved. Each "Allow" opens Edit with that address added;
 * the admin still reviews and saves. A region, not an alert: it is there on arrival, not news.
 */
export function IpRefusalBanner({ keyId, refusals }: { keyId: string; refusals: IpRefusals }) {
  const { refused, addresses } = refusals;
  return (
    <NoticeBanner id="ip-refusal-heading" tone="amber" icon={ShieldX} title="Calls refused by IP limits">
      <p>
        Calls from <span className="font-mono">{andList.format(addresses)}</span> were refused by this key’s IP limits: {formatCount(refused)} in the last 24 hours. If the
        address belongs to one of your integrations, allow it.
      </p>
      <p className="flex flex-wrap gap-2 pt-1">
        {addresses.map((ip) => (
          <Button key={ip} asChild variant="secondary">
            <Link href={routes.allowIpOnApiKey(keyId, ip)}>Allow {ip}</Link>
          </Button>
        ))}
      </p>
    </NoticeBanner>
  );
}
