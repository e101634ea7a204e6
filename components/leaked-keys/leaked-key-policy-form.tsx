'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useWatch } from 'react-hook-form';
import { toast } from 'sonner';
import type { FormAction } from '@/lib/form-state';
import { LEAKED_KEY_POLICIES, LEAKED_KEY_POLICY_LABEL, LEAKED_KEY_POLICY_VALUES, type LeakedKeyPolicy } from '@/lib/leaked-keys/policy';
import { leakedKeyPolicySchema, type LeakedKeyPolicyValues } from '@/lib/validations/leaked-key-policy';
import { applyServerErrors } from '../apply-server-errors';
import { withChecked } from '../field-defaults';
import { Button } from '../ui/button';
import { Fieldset, radioPillClass } from '../ui/fieldset';
import { FormAlert } from '../ui/form-alert';
import { useActionForm } from '../use-action-form';

type Props = {
  policy: LeakedKeyPolicy;
  save: FormAction<{ changed: boolean }>;
};

/** "When a key is reported leaked": Disable it or Only notify, as native radios (arrow keys move). */
export function LeakedKeyPolicyForm({ policy, save }: Props) {
  const router = useRouter();
  const { form, formAction, submit } = useActionForm<LeakedKeyPolicyValues, LeakedKeyPolicyValues, { changed: boolean }>(save, { resolver: zodResolver(leakedKeyPolicySchema), defaultValues: { policy } });
  const { errors, isSubmitting } = form.formState;
  const chosen = useWatch({ control: form.control, name: 'policy' });

  const onSubmit = form.handleSubmit(async (values) => {
    const result = await submit(values);
    if (!result.ok) return applyServerErrors(form, result);
    form.reset(values);
    toast.success(result.data?.changed ? `Saved: a key reported leaked is now handled by “${LEAKED_KEY_POLICIES[values.policy].label}”.` : 'Nothing changed.');
    router.refresh();
  });

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-4" aria-busy={isSubmitting}>
      <FormAlert message={errors.root?.message} />
      <Fieldset id="policy" legend={LEAKED_KEY_POLICY_LABEL} hint={LEAKED_KEY_POLICIES[chosen ?? policy]?.description} error={errors.policy?.message}>
        <div className="flex flex-wrap gap-2">
          {LEAKED_KEY_POLICY_VALUES.map((value) => (
            <label key={value} htmlFor={`policy-${value}`} className={radioPillClass}>
              <input id={`policy-${value}`} type="radio" className="size-4 accent-brand-600" {...withChecked(form, 'policy', value)} />
              {LEAKED_KEY_POLICIES[value].label}
            </label>
          ))}
        </div>
      </Fieldset>
      <Button type="submit" variant="secondary" disabled={isSubmitting || !form.formState.isDirty}>
        {isSubmitting ? 'Saving…' : 'Save'}
      </Button>
    </form>
  );
}
