import { registerInput } from '@budget/api/schemas';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTRPC } from '../../lib/trpc.ts';
import { Field } from '../ui/field.tsx';
import { FormError } from '../ui/form-error.tsx';
import { CurrencySelect } from '../ui/currency-select.tsx';
import { useSignedIn } from './use-signed-in.ts';

export function SignUpForm() {
  const trpc = useTRPC();
  const signedIn = useSignedIn();
  const register = useMutation(trpc.auth.register.mutationOptions({ onSuccess: signedIn }));
  const form = useForm({
    resolver: zodResolver(registerInput),
    defaultValues: { email: '', password: '', displayName: undefined, currency: 'USD' },
  });
  const { errors, isSubmitting } = form.formState;

  return (
    <form
      noValidate
      onSubmit={form.handleSubmit((values) => register.mutateAsync(values).catch(() => undefined))}
    >
      <Field label="Name (optional)" error={errors.displayName}>
        {(control) => (
          <input
            {...control}
            autoComplete="name"
            {...form.register('displayName', {
              setValueAs: (value: string) => value.trim() || undefined,
            })}
          />
        )}
      </Field>
      <Field label="Email" error={errors.email}>
        {(control) => (
          <input {...control} type="email" autoComplete="email" {...form.register('email')} />
        )}
      </Field>
      <Field label="Password" error={errors.password} hint="At least 12 characters.">
        {(control) => (
          <input
            {...control}
            type="password"
            autoComplete="new-password"
            {...form.register('password')}
          />
        )}
      </Field>
      <Field label="Currency" error={errors.currency}>
        {(control) => <CurrencySelect {...control} {...form.register('currency')} />}
      </Field>
      <FormError error={register.error} />
      <button type="submit" className="primary" disabled={isSubmitting}>
        {isSubmitting ? 'Creating your account…' : 'Create account'}
      </button>
    </form>
  );
}
