'use client';

import { Power, PowerOff } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { toast } from 'sonner';
import type { FormState } from '@/lib/form-state';
import { Button } from '../ui/button';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { KeyImpact, type KeyImpactSummary } from './key-impact';

type StatusAction = (input: { id: string }) => Promise<FormState>;
type Props = { keyId: string; keyName: string; enabled: boolean; impact: KeyImpactSummary; disable: StatusAction; enable: StatusAction };

/** Disabling breaks every integration using the key, so it shows that impact and asks first. */
export function KeyStatusButton({ keyId, keyName, enabled, impact, disable, enable }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  async function run(action: StatusAction, done: string) {
    const result = await action({ id: keyId });
    if (!result.ok) {
      toast.error(result.message ?? 'Could not change the key.');
      return false;
    }
    toast.success(result.message ?? done);
    router.refresh();
    return true;
  }

  if (!enabled) {
    return (
      <Button variant="secondary" disabled={pending} onClick={() => startTransition(async () => void (await run(enable, `“${keyName}” is enabled again.`)))}>
        <Power aria-hidden className="size-4" />
        {pending ? 'Enabling…' : 'Enable'}
      </Button>
    );
  }
  return (
    <ConfirmDialog
      trigger={{ icon: PowerOff, label: 'Disable' }}
      title={`Disable “${keyName}”?`}
      description={<KeyImpact impact={impact}>Every integration using this key stops working at once, on every server, until you enable it again.</KeyImpact>}
      confirmLabel="Disable key"
      pendingLabel="Disabling…"
      variant="danger"
      onConfirm={() => run(disable, `“${keyName}” is disabled. Calls with it now fail with key_disabled.`)}
    />
  );
}
