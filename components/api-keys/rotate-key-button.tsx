'use client';

import { RefreshCw } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { GRACE_PERIODS, GRACE_PERIOD_VALUES, type GracePeriod } from '@/lib/api-keys/grace-period';
import { formatUtc } from '@/lib/format';
import type { FormState } from '@/lib/form-state';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { KeyCreatedDialog } from './key-created-dialog';

type Rotated = { name: string; key: string; graceUntil: string };
type Props = {
  keyId: string;
  keyName: string;
  /** The key's updated_at as this page loaded it: a rotation over a newer change is refused. */
  version: string;
  expiresAt: string | null;
  rotate: (input: { id: string; version: string; grace: GracePeriod }) => Promise<FormState<Rotated>>;
  /** Opens the dialog at once (the page was opened from a "rotate this key" link). */
  openOnLoad?: boolean;
};

/** New secret, same key record; the old secret keeps working for the chosen grace period. */
export function RotateKeyButton({ keyId, keyName, version, expiresAt, rotate, openOnLoad = false }: Props) {
  const router = useRouter();
  const [grace, setGrace] = useState<GracePeriod>('24h');
  const [rotated, setRotated] = useState<(Rotated & { note: string }) | null>(null);

  async function confirm() {
    const result = await rotate({ id: keyId, version, grace });
    if (!result.ok || !result.data) {
      toast.error(result.message ?? 'Could not rotate the key.');
      return false;
    }
    const { graceUntil } = result.data;
    const note = Date.parse(graceUntil) <= Date.now() ? 'the old secret has stopped working' : `old secret valid until ${formatUtc(new Date(graceUntil))}`;
    setRotated({ ...result.data, note });
    return true;
  }

  return (
    <>
      <ConfirmDialog
        trigger={{ icon: RefreshCw, label: 'Rotate' }}
        title={`Rotate “${keyName}”?`}
        description={<p>You get a new secret for this key; its name, IP limits and settings stay. Update your integrations with the new secret before the old one stops working.</p>}
        confirmLabel="Rotate key"
        pendingLabel="Rotating…"
        onConfirm={confirm}
        defaultOpen={openOnLoad}
      >
        <fieldset>
          <legend className="text-sm font-medium text-slate-900">Old secret keeps working for</legend>
          <div className="mt-2 space-y-2">
            {GRACE_PERIOD_VALUES.map((value) => (
              <label key={value} className="flex items-center gap-2 text-sm">
                <input type="radio" name="grace" value={value} checked={grace === value} onChange={() => setGrace(value)} className="size-4 accent-brand-600" />
                {GRACE_PERIODS[value].label}
              </label>
            ))}
          </div>
          {expiresAt && <p className="mt-2 text-xs text-slate-500">Never past the key’s own expiry, {formatUtc(new Date(expiresAt))}.</p>}
        </fieldset>
      </ConfirmDialog>
      <KeyCreatedDialog
        title="API key rotated"
        apiKey={rotated?.key ?? null}
        keyName={rotated ? `${rotated.name} (${rotated.note})` : ''}
        onDone={() => {
          setRotated(null);
          router.refresh();
        }}
      />
    </>
  );
}
