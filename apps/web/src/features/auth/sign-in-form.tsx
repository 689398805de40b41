import { loginInput } from '@budget/api/schemas';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTRPC } from '../../lib/trpc.ts';
import { Field } from '../ui/field.tsx';
import { FormError } from '../ui/form-error.tsx';
import { useSignedIn } from './use-signed-in.ts';

export function SignInForm() {
  const trpc = useTRPC();
  const signedIn = useSignedIn();
  const login = useMutation(trpc.auth.login.mutationOptions({ onSuccess: signedIn }));
  const form = useForm({
    resolver: zodResolver(loginInput),
    defaultValues: { email: '', password: '' },
  });
  const { errors, isSubmitting } = form.formState;

  return (
    <form
      noValidate
      onSubmit={form.handleSubmit((values) => login.mutateAsync(values).catch(() => undefined))}
    >
      <Field label="Email" error={errors.email}>
        {(control) => (
          <input {...control} type="email" autoComplete="email" {...form.register('email')} />
        )}
      </Field>
      <Field label="Password" error={errors.password}>
        {(control) => (
          <input
            {...control}
            type="password"
            autoComplete="current-password"
            {...form.register('password')}
          />
        )}
      </Field>
      <FormError error={login.error} />
      <button type="submit" className="primary" disabled={isSubmitting}>
        {isSubmitting ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
