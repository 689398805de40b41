import { deleteAccountInput } from '@budget/api/schemas';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTRPC } from '../../lib/trpc.ts';
import { Field } from '../ui/field.tsx';
import { FormError } from '../ui/form-error.tsx';

/** Deletes the user and all their data; the client ends the session and sign-in says so. */
export function DeleteAccountForm() {
  const trpc = useTRPC();
  const remove = useMutation(trpc.auth.deleteAccount.mutationOptions());
  const form = useForm({
    resolver: zodResolver(deleteAccountInput),
    defaultValues: { password: '' },
  });
  const { errors, isSubmitting } = form.formState;

  return (
    <form
      noValidate
      aria-label="Delete account"
      onSubmit={form.handleSubmit((values) => remove.mutateAsync(values).catch(() => undefined))}
    >
      <p>
        This removes your account and every account, transaction and budget in it. It cannot be
        undone.
      </p>
      <Field label="Password to confirm" error={errors.password}>
        {(control) => (
          <input
            {...control}
            type="password"
            autoComplete="current-password"
            {...form.register('password')}
          />
        )}
      </Field>
      <FormError error={remove.error} />
      <button type="submit" className="danger" disabled={isSubmitting}>
        Delete my account
      </button>
    </form>
  );
}
