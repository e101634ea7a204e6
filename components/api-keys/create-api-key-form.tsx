'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { KEY_PREFIX_RULE } from '@/lib/api-keys/prefix';
import type { FormState } from '@/lib/form-state';
import { MAX_IP_LIMIT_ENTRIES } from '@/lib/ip-limits';
import { routes } from '@/lib/routes';
import { apiKeyFormSchema, type ApiKeyFormInput, type ApiKeyFormValues } from '@/lib/validations/api-key';
import { applyServerErrors } from '../apply-server-errors';
import { Button } from '../ui/button';
import { Field, fieldControlProps } from '../ui/field';
import { Input, Textarea } from '../ui/input';
import { KeyCreatedDialog } from './key-created-dialog';

export type CreatedKey = { id: string; name: string; key: string };
type Props = { action: (input: ApiKeyFormValues) => Promise<FormState<CreatedKey>>; defaultPrefix: string };

export function CreateApiKeyForm({ action, defaultPrefix }: Props) {
  const router = useRouter();
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const form = useForm<ApiKeyFormInput, unknown, ApiKeyFormValues>({
    resolver: zodResolver(apiKeyFormSchema),
    defaultValues: { name: '', description: '', prefix: '', ipLimits: '', notifyOnUse: false },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    const result = await action(values);
    if (result.ok && result.data) {
      setCreated(result.data);
      return;
    }
    applyServerErrors(form, result);
  });

  function done() {
    // Drop the only copy of the secret before leaving; the list shows its hint from now on.
    setCreated(null);
    form.reset();
    router.push(routes.apiKeys);
    router.refresh();
  }

  const error = (name: keyof ApiKeyFormInput) => errors[name]?.message;

  return (
    <>
      <form onSubmit={onSubmit} noValidate className="space-y-5" aria-busy={isSubmitting}>
        {errors.root?.message && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
            {errors.root.message}
          </p>
        )}
        <Field id="name" label="Name" error={error('name')} hint="Shown in lists and e-mails, e.g. “Jira sync”.">
          <Input autoComplete="off" maxLength={200} {...fieldControlProps('name', error('name'), true)} {...form.register('name')} />
        </Field>
        <Field id="description" label="Description" optional error={error('description')} hint="What uses this key, and who to ask about it.">
          <Textarea rows={3} {...fieldControlProps('description', error('description'), true)} {...form.register('description')} />
        </Field>
        <Field
          id="prefix"
          label="Prefix"
          optional
          error={error('prefix')}
          hint={`Starts the key so you can recognise it: ${KEY_PREFIX_RULE}. Empty uses “${defaultPrefix}”.`}
        >
          <Input
            autoComplete="off"
            spellCheck={false}
            placeholder={defaultPrefix}
            className="font-mono"
            {...fieldControlProps('prefix', error('prefix'), true)}
            {...form.register('prefix')}
          />
        </Field>
        <Field
          id="ipLimits"
          label="Limit access to IP addresses"
          optional
          error={error('ipLimits')}
          hint={`One IPv4 or IPv6 address or CIDR range per line, e.g. 203.0.113.0/24 or 2001:db8::/32 (at most ${MAX_IP_LIMIT_ENTRIES}). Empty allows any address.`}
        >
          <Textarea
            rows={4}
            spellCheck={false}
            className="font-mono whitespace-pre"
            {...fieldControlProps('ipLimits', error('ipLimits'), true)}
            {...form.register('ipLimits')}
          />
        </Field>
        <fieldset className="space-y-1.5">
          <legend className="text-sm font-medium text-slate-900">Email notifications</legend>
          <label htmlFor="notifyOnUse" className="flex items-start gap-2 text-sm text-slate-700">
            <input id="notifyOnUse" type="checkbox" className="mt-0.5 size-4 rounded border-slate-300 accent-brand-600" {...form.register('notifyOnUse')} />
            Receive an email when this API key is used
          </label>
        </fieldset>
        <div className="flex items-center gap-3 border-t border-slate-200 pt-5">
          <Button type="submit" disabled={isSubmitting}>
            {isSubmitting ? 'Creating…' : 'Submit'}
          </Button>
          <Button asChild variant="ghost">
            <Link href={routes.apiKeys}>Cancel</Link>
          </Button>
        </div>
      </form>
      <KeyCreatedDialog title="API key created" apiKey={created?.key ?? null} keyName={created?.name ?? ''} onDone={done} />
    </>
  );
}
