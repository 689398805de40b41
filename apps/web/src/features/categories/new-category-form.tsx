import { categoryKinds, createCategoryInput } from '@budget/api/schemas';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTRPC } from '../../lib/trpc.ts';
import { useInvalidateLedger } from '../ledger-invalidation.ts';
import { Field } from '../ui/field.tsx';
import { FormError } from '../ui/form-error.tsx';

export const kindLabels = { income: 'Income', expense: 'Expense' } as const;

export function NewCategoryForm() {
  const trpc = useTRPC();
  const invalidate = useInvalidateLedger();
  const create = useMutation(trpc.categories.create.mutationOptions({ onSuccess: invalidate }));
  const form = useForm({
    resolver: zodResolver(createCategoryInput),
    defaultValues: { name: '', kind: 'expense', color: '#4f6bed' },
  });
  const { errors, isSubmitting } = form.formState;

  return (
    <form
      noValidate
      className="inline-form"
      aria-label="New category"
      onSubmit={form.handleSubmit(async (values) => {
        await create.mutateAsync(values).then(
          () => form.reset({ ...form.getValues(), name: '' }),
          () => undefined,
        );
      })}
    >
      <Field label="Category name" error={errors.name}>
        {(control) => <input {...control} {...form.register('name')} />}
      </Field>
      <Field label="Kind" error={errors.kind}>
        {(control) => (
          <select {...control} {...form.register('kind')}>
            {categoryKinds.map((kind) => (
              <option key={kind} value={kind}>
                {kindLabels[kind]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Colour" error={errors.color}>
        {(control) => <input {...control} type="color" {...form.register('color')} />}
      </Field>
      <FormError error={create.error} />
      <button type="submit" className="primary" disabled={isSubmitting}>
        Add category
      </button>
    </form>
  );
}
