'use client';

import { Trash2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import type { FormState } from '@/lib/form-state';
import { routes } from '@/lib/routes';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { Field } from '../ui/field';
import { Input } from '../ui/input';
import { KeyImpact, type KeyImpactSummary } from './key-impact';

type Props = { keyId: string; keyName: string; impact: KeyImpactSummary; remove: (input: { id: string; confirmName: string }) => Promise<FormState> };

/** Irreversible, so the admin types the key's name to confirm. */
export function DeleteKeyButton({ keyId, keyName, impact, remove }: Props) {
  const router = useRouter();
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string>();

  async function confirm() {
    const result = await remove({ id: keyId, confirmName: typed });
    if (!result.ok) {
      setError(result.errors?.confirmName?.[0] ?? result.message ?? 'Could not delete the key.');
      return false;
    }
    toast.success(`“${keyName}” is deleted. Calls with it now fail.`);
    router.push(routes.apiKeys);
    router.refresh();
    return true;
  }

  return (
    <ConfirmDialog
      trigger={{ icon: Trash2, label: 'Delete', variant: 'danger' }}
      title={`Delete “${keyName}”?`}
      description={
        <KeyImpact impact={impact}>
          This cannot be undone. Every integration using this key stops working at once. The key stays in the audit log and usage history.
        </KeyImpact>
      }
      confirmLabel="Delete key"
      pendingLabel="Deleting…"
      variant="danger"
      confirmDisabled={typed.trim() !== keyName}
      onConfirm={confirm}
      onOpenChange={() => {
        setTyped('');
        setError(undefined);
      }}
    >
      <Field id="confirm-name" label={`Type “${keyName}” to confirm`} error={error}>
        <Input
          id="confirm-name"
          autoComplete="off"
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'confirm-name-error' : undefined}
        />
      </Field>
    </ConfirmDialog>
  );
}
