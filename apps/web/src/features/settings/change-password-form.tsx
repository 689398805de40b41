import { changePasswordInput } from '@budget/api/schemas';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTRPC } from '../../lib/trpc.ts';
import { Field } from '../ui/field.tsx';
import { FormError } from '../ui/form-error.tsx';

/** A new password; every other login is signed out, this one continues with a new session. */
export function ChangePasswordForm() {
  const trpc = useTRPC();
  const change = useMutation(trpc.auth.changePassword.mutationOptions());
  const form = useForm({
    resolver: zodResolver(changePasswordInput),
    defaultValues: { currentPassword: '', newPassword: '' },
  });
  const { errors, isSubmitting } = form.formState;

  return (
    <form
      noValidate
      aria-label="Change password"
      onSubmit={form.handleSubmit(async (values) => {
        await change.mutateAsync(values).then(
          () => form.reset(),
          () => undefined,
        );
      })}
    >
      <Field label="Current password" error={errors.currentPassword}>
        {(control) => (
          <input
            {...control}
            type="password"
            autoComplete="current-password"
            {...form.register('currentPassword')}
          />
        )}
      </Field>
      <Field label="New password" error={errors.newPassword} hint="At least 12 characters.">
        {(control) => (
          <input
            {...control}
            type="password"
            autoComplete="new-password"
            {...form.register('newPassword')}
          />
        )}
      </Field>
      <FormError error={change.error} />
      {change.isSuccess && (
        <p role="status">Password changed. Your other sessions were signed out.</p>
      )}
      <button type="submit" className="primary" disabled={isSubmitting}>
        Change password
      </button>
    </form>
  );
}
