import { updateProfileInput } from '@budget/api/schemas';
import type { User } from '@budget/client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTRPC } from '../../lib/trpc.ts';
import { CurrencySelect } from '../ui/currency-select.tsx';
import { Field } from '../ui/field.tsx';
import { FormError } from '../ui/form-error.tsx';
import { TimeZoneSelect } from '../ui/time-zone-select.tsx';

export function ProfileForm({ user }: { user: User }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const update = useMutation(
    trpc.auth.updateProfile.mutationOptions({
      onSuccess: async (updated) => {
        queryClient.setQueryData(trpc.auth.me.queryKey(), updated);
        // "Today" follows the time zone: budget periods and upcoming entries may move.
        await Promise.all(
          [trpc.budgets, trpc.recurring].map((router) =>
            queryClient.invalidateQueries(router.pathFilter()),
          ),
        );
      },
    }),
  );
  const form = useForm({
    resolver: zodResolver(updateProfileInput),
    defaultValues: {
      displayName: user.displayName,
      currency: user.currency,
      timeZone: user.timeZone,
    },
  });
  const { errors, isSubmitting } = form.formState;

  return (
    <form
      noValidate
      aria-label="Profile"
      onSubmit={form.handleSubmit((values) => update.mutateAsync(values).catch(() => undefined))}
    >
      <p className="muted">Signed in as {user.email}</p>
      <Field label="Display name" error={errors.displayName}>
        {(control) => <input {...control} autoComplete="name" {...form.register('displayName')} />}
      </Field>
      <Field
        label="Default currency"
        error={errors.currency}
        hint="Used for new accounts and budgets."
      >
        {(control) => <CurrencySelect {...control} {...form.register('currency')} />}
      </Field>
      <Field
        label="Time zone"
        error={errors.timeZone}
        hint="Decides when your day starts: today's budgets and when recurring entries are made."
      >
        {(control) => (
          <TimeZoneSelect {...control} current={user.timeZone} {...form.register('timeZone')} />
        )}
      </Field>
      <FormError error={update.error} />
      {update.isSuccess && <p role="status">Profile saved.</p>}
      <button type="submit" className="primary" disabled={isSubmitting}>
        Save profile
      </button>
    </form>
  );
}
