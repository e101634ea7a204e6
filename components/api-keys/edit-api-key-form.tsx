'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { toast } from 'sonner';
import type { RefusedCaller } from '@/lib/api-keys/manage-api-key';
import type { FormAction, FormState } from '@/lib/form-state';
import { routes } from '@/lib/routes';
import { apiKeyEditSchema, type ApiKeyEditInput, type ApiKeyEditValues } from '@/lib/validations/api-key';
import { applyServerErrors } from '../apply-server-errors';
import { Button } from '../ui/button';
import { DateTime } from '../ui/date-time';
import { FormAlert } from '../ui/form-alert';
import { Dialog, DialogContent, DialogDescription, DialogTitle } from '../ui/dialog';
import { useActionForm } from '../use-action-form';
import { KeySettingsFields, type KeySettingsInput } from './key-settings-fields';

type Props = {
  defaults: ApiKeyEditInput;
  keepExpiryLabel: string;
  save: FormAction<{ changed: string[] }>;
  preview: (input: { id: string; ipLimits: string }) => Promise<FormState<RefusedCaller[]>>;
  /** The stored IP limits, when the form starts from others (an address being allowed): a change from these is dry-run. */
  savedIpLimits?: string;
};

/** Same fields and rules as creation; tighter IP limits are checked against recent callers first. */
export function EditApiKeyForm({ defaults, keepExpiryLabel, save, preview, savedIpLimits = defaults.ipLimits }: Props) {
  const router = useRouter();
  const [refused, setRefused] = useState<{ callers: RefusedCaller[]; values: ApiKeyEditValues } | null>(null);
  const [saving, setSaving] = useState(false);
  const { form, formAction, submit } = useActionForm<ApiKeyEditInput, ApiKeyEditValues, { changed: string[] }>(save, {
    resolver: zodResolver(apiKeyEditSchema),
    defaultValues: defaults,
  });
  const { errors, isSubmitting } = form.formState;

  async function commit(values: ApiKeyEditValues) {
    setSaving(true);
    const result = await submit(values);
    setSaving(false);
    setRefused(null);
    if (!result.ok) return applyServerErrors(form, result);
    toast.success(result.data?.changed.length ? 'Changes saved. They apply to API calls within a second.' : 'Nothing changed.');
    router.push(routes.apiKey(values.id));
    router.refresh();
  }

  const onSubmit = form.handleSubmit(async (values) => {
    if (values.ipLimits.trim() !== (savedIpLimits ?? '').trim()) {
      const dryRun = await preview({ id: values.id, ipLimits: values.ipLimits });
      if (!dryRun.ok) return applyServerErrors(form, dryRun);
      if (dryRun.data?.length) return setRefused({ callers: dryRun.data, values });
    }
    await commit(values);
  });

  return (
    <>
      <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-5" aria-busy={isSubmitting}>
        {/* Not fields anyone edits: which key, as loaded; posted with the rest before hydration. */}
        <input type="hidden" name="id" value={defaults.id} />
        <input type="hidden" name="version" value={defaults.version} />
        <FormAlert message={errors.root?.message} />
        <KeySettingsFields form={form as unknown as UseFormReturn<KeySettingsInput>} keepExpiryLabel={keepExpiryLabel} />
        <div className="flex items-center gap-3 border-t border-slate-200 pt-5">
          <Button type="submit" disabled={isSubmitting || saving}>
            {isSubmitting || saving ? 'Saving…' : 'Save changes'}
          </Button>
          <Button asChild variant="ghost">
            <Link href={routes.apiKey(defaults.id)}>Cancel</Link>
          </Button>
        </div>
      </form>
      <Dialog open={refused !== null} onOpenChange={(open) => !open && !saving && setRefused(null)}>
        <DialogContent>
          <DialogTitle>These callers would be refused</DialogTitle>
          <DialogDescription>In the last 30 days these addresses called with this key. With the new IP limits their calls fail with ip_not_allowed.</DialogDescription>
          <ul className="mt-4 max-h-60 divide-y divide-slate-100 overflow-y-auto rounded-md text-sm ring-1 ring-slate-200">
            {refused?.callers.map((caller) => (
              <li key={caller.ip ?? 'unknown'} className="px-3 py-2">
                <span className="font-mono">{caller.ip ?? 'unknown address'}</span>
                {caller.integrationNames.length > 0 && <span> · {caller.integrationNames.join(', ')}</span>}
                <span className="block text-xs text-slate-500">
                  {caller.requests} requests, last <DateTime value={new Date(caller.lastSeen)} />
                </span>
              </li>
            ))}
          </ul>
          <div className="mt-6 flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setRefused(null)} disabled={saving}>
              Keep editing
            </Button>
            <Button variant="danger" onClick={() => refused && commit(refused.values)} disabled={saving}>
              {saving ? 'Saving…' : 'Save and refuse them'}
            </Button>
          </div>
        </DialogContent>
      </Dialog>
    </>
  );
}
