'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { NEW_KEY_EXPIRY } from '@/lib/api-keys/expiry';
import { toast } from 'sonner';
import { NEW_KEY_PERMISSIONS } from '@/lib/api-keys/permissions';
import { KEY_PREFIX_RULE } from '@/lib/api-keys/prefix';
import { NEW_KEY_RATE_LIMIT, rateLimitFormFields } from '@/lib/api-keys/rate-limit-policy';
import type { FormAction } from '@/lib/form-state';
import { routes } from '@/lib/routes';
import { apiKeyFormSchema, type ApiKeyFormInput, type ApiKeyFormValues } from '@/lib/validations/api-key';
import { applyServerErrors } from '../apply-server-errors';
import { withValue } from '../field-defaults';
import { Button } from '../ui/button';
import { FormAlert } from '../ui/form-alert';
import { Field, fieldControlProps } from '../ui/field';
import { Input } from '../ui/input';
import { KeyCreatedDialog, KeyCreatedWithoutScript } from './key-created-dialog';
import { useActionForm } from '../use-action-form';
import { KeySettingsFields, type KeySettingsInput } from './key-settings-fields';

export type CreatedKey = { id: string; name: string; key: string };
type Props = {
  action: FormAction<CreatedKey>;
  defaultPrefix: string;
  /** A curl command that calls the API with `$API_KEY`; the dialog shows it with the new key in. */
  tryCommand: string;
};

export function CreateApiKeyForm({ action, defaultPrefix, tryCommand }: Props) {
  const router = useRouter();
  const { form, formAction, answer, submit } = useActionForm<ApiKeyFormInput, ApiKeyFormValues, CreatedKey>(action, {
    resolver: zodResolver(apiKeyFormSchema),
    defaultValues: { name: '', description: '', prefix: '', ipLimits: '', notifyOnUse: false, permissions: NEW_KEY_PERMISSIONS, ...rateLimitFormFields(NEW_KEY_RATE_LIMIT), expiry: NEW_KEY_EXPIRY, expiresOn: '' },
  });
  // Posted before hydration, the answer holds the new key: the dialog shows it once the page is interactive.
  const [created, setCreated] = useState<CreatedKey | null>(answer.ok ? (answer.data ?? null) : null);
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    const result = await submit(values);
    if (result.ok && result.data) {
      setCreated(result.data);
      return;
    }
    applyServerErrors(form, result);
  });

  function done() {
    if (!created) return;
    // Drop the only copy of the secret before leaving; the list shows its hint from now on, the
    // new row marked by its id (not a secret), and focus lands on it (components/route-focus.tsx).
    setCreated(null);
    form.reset();
    router.push(routes.createdApiKey(created.id));
    router.refresh();
    toast.success(`API key “${created.name}” created`);
  }

  return (
    <>
      {created && <KeyCreatedWithoutScript title="API key created" apiKey={created.key} keyName={created.name} tryCommand={tryCommand} doneHref={routes.createdApiKey(created.id)} />}
      <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-5" aria-busy={isSubmitting}>
        <FormAlert message={errors.root?.message} />
        <KeySettingsFields form={form as unknown as UseFormReturn<KeySettingsInput>}>
          <Field
            id="prefix"
            label="Prefix"
            optional
            error={errors.prefix?.message}
            hint={`Starts the key so you can recognise it: ${KEY_PREFIX_RULE}. Empty uses “${defaultPrefix}”.`}
          >
            <Input
              autoComplete="off"
              spellCheck={false}
              placeholder={defaultPrefix}
              className="font-mono"
              {...fieldControlProps('prefix', errors.prefix?.message, true)}
              {...withValue(form, 'prefix')}
            />
          </Field>
        </KeySettingsFields>
        <div className="flex items-center gap-3 border-t border-slate-200 pt-5">
          <Button type="submit" disabled={isSubmitting}>
            {isSubmitting ? 'Creating…' : 'Submit'}
          </Button>
          <Button asChild variant="ghost">
            <Link href={routes.apiKeys}>Cancel</Link>
          </Button>
        </div>
      </form>
      <KeyCreatedDialog title="API key created" apiKey={created?.key ?? null} keyName={created?.name ?? ''} tryCommand={tryCommand} onDone={done} />
    </>
  );
}
