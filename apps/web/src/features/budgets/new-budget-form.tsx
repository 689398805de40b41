import { budgetPeriodSchema, createBudgetInput } from '@budget/api/schemas';
import type { Category } from '@budget/client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { minorUnitsOf } from '../../lib/money-field.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useInvalidateLedger } from '../ledger-invalidation.ts';
import { Field } from '../ui/field.tsx';
import { FormError } from '../ui/form-error.tsx';

export const periodLabels = { weekly: 'Weekly', monthly: 'Monthly', yearly: 'Yearly' } as const;

function budgetForm(currency: string) {
  return z
    .object({ ...createBudgetInput.shape, amount: z.string(), alertThreshold: z.string() })
    .transform((values, ctx): z.input<typeof createBudgetInput> => ({
      ...values,
      amount: minorUnitsOf(values.amount, currency, ctx, 'amount'),
      alertThreshold: Number(values.alertThreshold),
    }))
    .pipe(createBudgetInput);
}

export function NewBudgetForm({
  categories,
  currency,
}: {
  categories: readonly Category[];
  currency: string;
}) {
  const trpc = useTRPC();
  const invalidate = useInvalidateLedger();
  const create = useMutation(trpc.budgets.create.mutationOptions({ onSuccess: invalidate }));
  const schema = useMemo(() => budgetForm(currency), [currency]);
  const form = useForm({
    resolver: zodResolver(schema),
    defaultValues: {
      categoryId: categories[0]?.id ?? '',
      amount: '',
      period: 'monthly' as const,
      rollover: false,
      alertThreshold: '80',
    },
  });
  const { errors, isSubmitting } = form.formState;

  return (
    <form
      noValidate
      className="inline-form"
      aria-label="New budget"
      onSubmit={form.handleSubmit(async (values) => {
        await create.mutateAsync(values).then(
          () => form.reset({ ...form.getValues(), amount: '' }),
          () => undefined,
        );
      })}
    >
      <Field label="Category" error={errors.categoryId}>
        {(control) => (
          <select {...control} {...form.register('categoryId')}>
            {categories.map((category) => (
              <option key={category.id} value={category.id}>
                {category.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={`Amount (${currency})`} error={errors.amount}>
        {(control) => <input {...control} inputMode="decimal" {...form.register('amount')} />}
      </Field>
      <Field label="Period" error={errors.period}>
        {(control) => (
          <select {...control} {...form.register('period')}>
            {budgetPeriodSchema.options.map((period) => (
              <option key={period} value={period}>
                {periodLabels[period]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Alert at (%)" error={errors.alertThreshold}>
        {(control) => (
          <input
            {...control}
            type="number"
            min={1}
            max={100}
            {...form.register('alertThreshold')}
          />
        )}
      </Field>
      <label className="checkbox">
        <input type="checkbox" {...form.register('rollover')} /> Roll over what is left
      </label>
      <FormError error={create.error} />
      <button type="submit" className="primary" disabled={isSubmitting}>
        Add budget
      </button>
    </form>
  );
}
