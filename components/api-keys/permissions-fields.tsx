'use client';

import type { UseFormReturn } from 'react-hook-form';
import { LEVEL_VALUES, PERMISSION_LEVELS, PERMISSION_RESOURCES, RESOURCE_VALUES } from '@/lib/api-keys/permissions';
import { withChecked } from '../field-defaults';
import { Fieldset, radioPillClass } from '../ui/fieldset';
import type { KeySettingsInput } from './key-settings-fields';

type Props = { form: UseFormReturn<KeySettingsInput> };

const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;

/** A native radio group per resource (arrow keys move within it), in a fieldset labelled "Permissions" (SPEC §9). */
export function PermissionsFields({ form }: Props) {
  const errors = form.formState.errors.permissions;
  // Server answers land on `permissions` itself; the browser's zod check names the resource.
  const groupError = errors?.message ?? errors?.root?.message;

  return (
    <Fieldset
      id="permissions"
      legend="Permissions"
      hint="What integrations using this key may do through the API. Read and write includes Read; calls without the permission get 403 insufficient_scope."
      error={groupError}
    >
      <div className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
        {RESOURCE_VALUES.map((resource) => {
          const { label, description } = PERMISSION_RESOURCES[resource];
          const error = errors?.[resource]?.message;
          const id = `permissions-${resource}`;
          return (
            <div
              key={resource}
              role="radiogroup"
              aria-labelledby={`${id}-label`}
              aria-describedby={describedBy(`${id}-hint`, error && `${id}-error`)}
              aria-invalid={error ? true : undefined}
              className="gap-4 px-3 py-3 sm:flex sm:items-center sm:justify-between"
            >
              <div>
                <span id={`${id}-label`} className="block text-sm font-medium text-slate-900">
                  {label}
                </span>
                <p id={`${id}-hint`} className="text-xs text-slate-500">
                  {description}
                </p>
                {error && (
                  <p id={`${id}-error`} className="text-sm text-red-700" role="alert">
                    {error}
                  </p>
                )}
              </div>
              <div className="mt-2 flex flex-wrap gap-2 sm:mt-0 sm:flex-nowrap">
                {LEVEL_VALUES.map((level) => (
                  <label
                    key={level}
                    htmlFor={`${id}-${level}`}
                    className={radioPillClass}
                  >
                    <input
                      id={`${id}-${level}`}
                      type="radio"
                      className="size-4 accent-brand-600"
                      {...withChecked(form, `permissions.${resource}`, level)}
                    />
                    {PERMISSION_LEVELS[level].label}
                  </label>
                ))}
              </div>
            </div>
          );
        })}
      </div>
    </Fieldset>
  );
}
