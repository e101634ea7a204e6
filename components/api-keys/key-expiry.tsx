import { TriangleAlert } from 'lucide-react';
import { expiryUrgency } from '@/lib/api-keys/key-state';
import type { ApiKeyStatus } from '@/lib/key-status';
import { DateTime } from '../ui/date-time';

type Props = { status: ApiKeyStatus; expiresAt: Date | null; now: number };

/**
 * When a key expires: "Never", "in 12 days", "Expired 3 days ago". An enabled key in its last
 * days (when its reminder e-mail goes out) is marked in words as well as colour.
 */
export function KeyExpiry({ status, expiresAt, now }: Props) {
  const urgency = expiryUrgency(expiresAt, now);
  if (!expiresAt || urgency === 'never') return <span className="text-slate-500">Never</span>;
  if (urgency === 'expired') {
    return (
      <span>
        Expired <DateTime value={expiresAt} />
      </span>
    );
  }
  if (urgency === 'soon' && status === 'enabled') {
    return (
      <span className="font-medium text-amber-800">
        <DateTime value={expiresAt} />
        <span className="mt-0.5 flex items-center gap-1 text-xs">
          <TriangleAlert aria-hidden className="size-3.5 shrink-0" /> Expires soon
        </span>
      </span>
    );
  }
  return <DateTime value={expiresAt} />;
}
