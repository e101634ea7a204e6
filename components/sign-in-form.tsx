'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import type { FormAction } from '@/lib/form-state';
import { signInFormSchema, type SignInFormInput } from '@/lib/validations/sign-in';
import { applyServerErrors } from './apply-server-errors';
import { withValue } from './field-defaults';
import { Button } from './ui/button';
import { FormAlert } from './ui/form-alert';
import { Field, fieldControlProps } from './ui/field';
import { Input } from './ui/input';
import { useActionForm } from './use-action-form';

type Props = { action: FormAction; callbackUrl: string };

export function SignInForm({ action, callbackUrl }: Props) {
  const { form, formAction, submit } = useActionForm<SignInFormInput>(action, {
    resolver: zodResolver(signInFormSchema),
    defaultValues: { email: '', password: '', callbackUrl },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    const result = await submit(values);
    if (result) applyServerErrors(form, result);
  });

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="mt-6 space-y-4">
      <input type="hidden" {...withValue(form, 'callbackUrl')} />
      <FormAlert message={errors.root?.message} />
      <Field id="email" label="Email" error={errors.email?.message}>
        <Input type="email" autoComplete="username" {...fieldControlProps('email', errors.email?.message)} {...withValue(form, 'email')} />
      </Field>
      <Field id="password" label="Password" error={errors.password?.message}>
        <Input type="password" autoComplete="current-password" {...fieldControlProps('password', errors.password?.message)} {...form.register('password')} />
      </Field>
      <Button type="submit" className="w-full" disabled={isSubmitting}>
        {isSubmitting ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
