'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { FormState } from '@/lib/form-state';
import { signInSchema, type SignInInput } from '@/lib/validations/sign-in';
import { applyServerErrors } from './apply-server-errors';
import { Button } from './ui/button';
import { FormAlert } from './ui/form-alert';
import { Field, fieldControlProps } from './ui/field';
import { Input } from './ui/input';

type Props = { action: (input: SignInInput, callbackUrl: string) => Promise<FormState>; callbackUrl: string };

export function SignInForm({ action, callbackUrl }: Props) {
  const form = useForm<SignInInput>({ resolver: zodResolver(signInSchema), defaultValues: { email: '', password: '' } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    const result = await action(values, callbackUrl);
    if (result) applyServerErrors(form, result);
  });

  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 space-y-4">
      <FormAlert message={errors.root?.message} />
      <Field id="email" label="Email" error={errors.email?.message}>
        <Input type="email" autoComplete="username" {...fieldControlProps('email', errors.email?.message)} {...form.register('email')} />
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
