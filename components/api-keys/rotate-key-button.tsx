'use client';

import { RefreshCw } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { GRACE_PERIODS, GRACE_PERIOD_VALUES, type GracePeriod } from '@/lib/api-keys/grace-period';
import type { FormState } from '@/lib/form-state';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { DateTime } from '../ui/date-time';
import { KeyCreatedDialog } from './key-created-dialog';
import { RotationNote } from './rotation-note';

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
  const [rotated, setRotated] = useState<(Rotated & { graceOver: boolean }) | null>(null);

  async function confirm() {
    const result = await rotate({ id: keyId, version, grace });
    if (!result.ok || !result.data) {
      toast.error(result.message ?? 'Could not rotate the key.');
      return false;
    }
    setRotated({ ...result.data, graceOver: Date.parse(result.data.graceUntil) <= Date.now() });
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
          {expiresAt && (
            <p className="mt-2 text-xs text-slate-500">
              Never past the key’s own expiry (<DateTime value={new Date(expiresAt)} />).
            </p>
          )}
        </fieldset>
      </ConfirmDialog>
      <KeyCreatedDialog
        title="API key rotated"
        apiKey={rotated?.key ?? null}
        keyName={rotated?.name ?? ''}
        // What happens to the old secret, on its own line: the name above is the key's alone.
        note={rotated && (rotated.graceOver ? 'The old secret has stopped working.' : <RotationNote until={new Date(rotated.graceUntil)} />)}
        onDone={() => {
          setRotated(null);
          router.refresh();
        }}
      />
    </>
  );
}
