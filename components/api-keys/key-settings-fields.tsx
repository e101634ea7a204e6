'use client';

import type { UseFormReturn } from 'react-hook-form';
import { EXPIRY_CHOICES, EXPIRY_CHOICE_VALUES } from '@/lib/api-keys/expiry';
import type { KeyPermissions } from '@/lib/api-keys/permissions';
import { MAX_IP_LIMIT_ENTRIES } from '@/lib/ip-limits';
import { withChecked, withValue } from '../field-defaults';
import { Field, fieldControlProps } from '../ui/field';
import { controlClass, Input, Textarea } from '../ui/input';
import { PermissionsFields } from './permissions-fields';
import { RateLimitFields } from './rate-limit-fields';

/** The fields both the create and the edit form have (their schemas share these definitions). */
export type KeySettingsInput = {
  name: string;
  description?: string;
  ipLimits?: string;
  notifyOnUse?: boolean;
  permissions?: KeyPermissions;
  rateLimitChoice?: 'none' | 'limit';
  rateLimitRequests?: string | number;
  rateLimitWindow?: string;
  expiry?: string;
  expiresOn?: string;
};

const NEVER_EXPIRES_NOTE = 'A key that never expires keeps working until someone disables it. An expiry limits the harm if the key ever leaks, and you can extend it at any time.';

type Props = {
  // Both forms' value types contain KeySettingsInput; react-hook-form's types are invariant, hence the widening.
  form: UseFormReturn<KeySettingsInput>;
  /** Edit only: keep the current expiry, described (e.g. "Keep: never"). */
  keepExpiryLabel?: string;
  children?: React.ReactNode;
};

export function KeySettingsFields({ form, keepExpiryLabel, children }: Props) {
  const { errors } = form.formState;
  const error = (name: keyof KeySettingsInput) => errors[name]?.message;
  const expiry = form.watch('expiry');
  const today = new Date().toISOString().slice(0, 10);

  return (
    <>
      <Field id="name" label="Name" error={error('name')} hint="Shown in lists and e-mails, e.g. “Jira sync”.">
        <Input autoComplete="off" {...fieldControlProps('name', error('name'), true)} {...withValue(form, 'name')} />
      </Field>
      <Field id="description" label="Description" optional error={error('description')} hint="What uses this key, and who to ask about it.">
        <Textarea rows={3} {...fieldControlProps('description', error('description'), true)} {...withValue(form, 'description')} />
      </Field>
      {children}
      <PermissionsFields form={form} />
      <RateLimitFields form={form} />
      <Field
        id="ipLimits"
        label="Limit access to IP addresses"
        optional
        error={error('ipLimits')}
        hint={`One IPv4 or IPv6 address or CIDR range per line, e.g. 203.0.113.0/24 or 2001:db8::/32 (at most ${MAX_IP_LIMIT_ENTRIES}). Empty allows any address.`}
      >
        <Textarea rows={4} spellCheck={false} className="font-mono whitespace-pre" {...fieldControlProps('ipLimits', error('ipLimits'), true)} {...withValue(form, 'ipLimits')} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="expiry" label="Expires" error={error('expiry')} hint={expiry === 'never' ? NEVER_EXPIRES_NOTE : undefined}>
          <select className={controlClass} {...fieldControlProps('expiry', error('expiry'), expiry === 'never')} {...withValue(form, 'expiry')}>
            {keepExpiryLabel && <option value="keep">{keepExpiryLabel}</option>}
            {EXPIRY_CHOICE_VALUES.map((choice) => (
              <option key={choice} value={choice}>
                {EXPIRY_CHOICES[choice].label}
              </option>
            ))}
          </select>
        </Field>
        {expiry === 'custom' && (
          <Field id="expiresOn" label="Expiry date" error={error('expiresOn')} hint="The key stops working at the end of this day (UTC).">
            <Input type="date" min={today} {...fieldControlProps('expiresOn', error('expiresOn'), true)} {...withValue(form, 'expiresOn')} />
          </Field>
        )}
      </div>
      <fieldset className="space-y-1.5">
        <legend className="text-sm font-medium text-slate-900">Email notifications</legend>
        <label htmlFor="notifyOnUse" className="flex items-start gap-2 text-sm text-slate-700">
          <input
            id="notifyOnUse"
            type="checkbox"
            aria-describedby="notifyOnUse-help"
            className="mt-0.5 size-4 rounded border-slate-300 accent-brand-600"
            {...withChecked(form, 'notifyOnUse')}
          />
          Receive an email when this API key is used
        </label>
        <p id="notifyOnUse-help" className="text-xs text-slate-500">
          Its first use and each new IP address are e-mailed at once; other calls are summarised in one digest an hour at most. Security notices (disabled,
          rotated, deleted, permissions widened, calls refused by the IP limits) are always sent.
        </p>
      </fieldset>
    </>
  );
}
