import { accountTypes, createAccountInput } from '@budget/api/schemas';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { minorUnitsOf } from '../../lib/money-field.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useInvalidateLedger } from '../ledger-invalidation.ts';
import { CurrencySelect } from '../ui/currency-select.tsx';
import { Field } from '../ui/field.tsx';
import { FormError } from '../ui/form-error.tsx';
import { accountTypeLabels } from './account-types.ts';

const newAccountForm = createAccountInput
  .extend({ currency: z.string(), openingBalance: z.string() })
  .transform((values, ctx): z.input<typeof createAccountInput> => ({
    ...values,
    openingBalance: minorUnitsOf(
      values.openingBalance || '0',
      values.currency,
      ctx,
      'openingBalance',
    ),
  }))
  .pipe(createAccountInput);

export function NewAccountForm({ defaultCurrency }: { defaultCurrency: string }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateLedger();
  const create = useMutation(trpc.accounts.create.mutationOptions({ onSuccess: invalidate }));
  const form = useForm({
    resolver: zodResolver(newAccountForm),
    defaultValues: {
      name: '',
      type: 'checking' as const,
      currency: defaultCurrency,
      openingBalance: '',
    },
  });
  const { errors, isSubmitting } = form.formState;

  return (
    <form
      noValidate
      className="inline-form"
      aria-label="New account"
      onSubmit={form.handleSubmit(async (values) => {
        await create.mutateAsync(values).then(
          () => form.reset({ ...form.getValues(), name: '', openingBalance: '' }),
          () => undefined,
        );
      })}
    >
      <Field label="Account name" error={errors.name}>
        {(control) => <input {...control} {...form.register('name')} />}
      </Field>
      <Field label="Type" error={errors.type}>
        {(control) => (
          <select {...control} {...form.register('type')}>
            {accountTypes.map((type) => (
              <option key={type} value={type}>
                {accountTypeLabels[type]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Currency" error={errors.currency}>
        {(control) => <CurrencySelect {...control} {...form.register('currency')} />}
      </Field>
      <Field label="Opening balance" error={errors.openingBalance}>
        {(control) => (
          <input
            {...control}
            inputMode="decimal"
            placeholder="0.00"
            {...form.register('openingBalance')}
          />
        )}
      </Field>
      <FormError error={create.error} />
      <button type="submit" className="primary" disabled={isSubmitting}>
        Add account
      </button>
    </form>
  );
}
