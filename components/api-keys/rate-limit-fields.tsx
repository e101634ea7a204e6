'use client';

import type { UseFormReturn } from 'react-hook-form';
import { RATE_LIMIT_MAX, RATE_LIMIT_MIN, RATE_LIMIT_WINDOW_VALUES, RATE_LIMIT_WINDOWS } from '@/lib/api-keys/rate-limit-policy';
import { formatCount } from '@/lib/format';
import { Field, fieldControlProps } from '../ui/field';
import { controlClass, Input } from '../ui/input';
import type { KeySettingsInput } from './key-settings-fields';

type Props = { form: UseFormReturn<KeySettingsInput> };

const radioClass =
  'flex cursor-pointer items-center gap-2 whitespace-nowrap rounded-md px-3 py-1.5 text-sm text-slate-700 ring-1 ring-slate-300 has-[:checked]:bg-brand-50 has-[:checked]:text-brand-700 has-[:checked]:ring-brand-600';

/**
 * "Rate limit" (SPEC §8): No limit, or Limit to <Requests> per <second|minute|hour>. Native radios
 * (arrow keys move between them); the number and window stay editable only while "Limit to" is chosen.
 */
export function RateLimitFields({ form }: Props) {
  const { errors } = form.formState;
  const choice = form.watch('rateLimitChoice');
  const limited = choice === 'limit';
  const choiceError = errors.rateLimitChoice?.message;
  const requestsError = errors.rateLimitRequests?.message;
  const windowError = errors.rateLimitWindow?.message;

  return (
    <fieldset className="space-y-3" aria-describedby={['rateLimit-hint', choiceError && 'rateLimitChoice-error'].filter(Boolean).join(' ')}>
      <legend className="text-sm font-medium text-slate-900">Rate limit</legend>
      <p id="rateLimit-hint" className="-mt-1 text-xs text-slate-500">
        Calls over the limit get 429 rate_limited with Retry-After; every answer says how many calls are left.
      </p>
      {choiceError && (
        <p id="rateLimitChoice-error" className="text-sm text-red-700" role="alert">
          {choiceError}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <label htmlFor="rateLimitChoice-none" className={radioClass}>
          <input id="rateLimitChoice-none" type="radio" value="none" className="size-4 accent-brand-600" {...form.register('rateLimitChoice')} />
          No limit
        </label>
        <label htmlFor="rateLimitChoice-limit" className={radioClass}>
          <input id="rateLimitChoice-limit" type="radio" value="limit" className="size-4 accent-brand-600" {...form.register('rateLimitChoice')} />
          Limit to
        </label>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="rateLimitRequests" label="Requests" error={limited ? requestsError : undefined} hint={`${formatCount(RATE_LIMIT_MIN)} to ${formatCount(RATE_LIMIT_MAX)}`}>
          <Input
            type="number"
            inputMode="numeric"
            min={RATE_LIMIT_MIN}
            max={RATE_LIMIT_MAX}
            step={1}
            disabled={!limited}
            {...fieldControlProps('rateLimitRequests', limited ? requestsError : undefined, true)}
            {...form.register('rateLimitRequests')}
          />
        </Field>
        <Field id="rateLimitWindow" label="per" error={limited ? windowError : undefined}>
          <select className={controlClass} disabled={!limited} {...fieldControlProps('rateLimitWindow', limited ? windowError : undefined)} {...form.register('rateLimitWindow')}>
            {RATE_LIMIT_WINDOW_VALUES.map((window) => (
              <option key={window} value={window}>
                {RATE_LIMIT_WINDOWS[window].label}
              </option>
            ))}
          </select>
        </Field>
      </div>
    </fieldset>
  );
}
