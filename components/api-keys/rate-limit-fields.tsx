'use client';

import type { UseFormReturn } from 'react-hook-form';
import { NO_LIMIT_LABEL, RATE_LIMIT_MAX, RATE_LIMIT_MIN, RATE_LIMIT_WINDOW_VALUES, RATE_LIMIT_WINDOWS } from '@/lib/api-keys/rate-limit-policy';
import { formatCount } from '@/lib/format';
import { withChecked, withValue } from '../field-defaults';
import { Field, fieldControlProps } from '../ui/field';
import { Fieldset, radioPillClass } from '../ui/fieldset';
import { controlClass, Input } from '../ui/input';
import type { KeySettingsInput } from './key-settings-fields';

type Props = { form: UseFormReturn<KeySettingsInput> };

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
    <Fieldset
      id="rateLimit"
      legend="Rate limit"
      hint="Calls over the limit get 429 rate_limited with Retry-After; every answer says how many calls are left."
      error={choiceError}
    >
      <div className="flex flex-wrap gap-2">
        <label htmlFor="rateLimitChoice-none" className={radioPillClass}>
          <input id="rateLimitChoice-none" type="radio" className="size-4 accent-brand-600" {...withChecked(form, 'rateLimitChoice', 'none')} />
          {NO_LIMIT_LABEL}
        </label>
        <label htmlFor="rateLimitChoice-limit" className={radioPillClass}>
          <input id="rateLimitChoice-limit" type="radio" className="size-4 accent-brand-600" {...withChecked(form, 'rateLimitChoice', 'limit')} />
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
            {...withValue(form, 'rateLimitRequests')}
          />
        </Field>
        <Field id="rateLimitWindow" label="per" error={limited ? windowError : undefined}>
          <select className={controlClass} disabled={!limited} {...fieldControlProps('rateLimitWindow', limited ? windowError : undefined)} {...withValue(form, 'rateLimitWindow')}>
            {RATE_LIMIT_WINDOW_VALUES.map((window) => (
              <option key={window} value={window}>
                {RATE_LIMIT_WINDOWS[window].label}
              </option>
            ))}
          </select>
        </Field>
      </div>
    </Fieldset>
  );
}
