import { updateCategoryInput } from '@budget/api/schemas';
import type { Category } from '@budget/client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTRPC } from '../../lib/trpc.ts';
import { useInvalidateLedger } from '../ledger-invalidation.ts';
import { Field } from '../ui/field.tsx';
import { FormError } from '../ui/form-error.tsx';
import { Modal } from '../ui/modal.tsx';

export function EditCategoryDialog({
  category,
  onClose,
}: {
  category: Category;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const invalidate = useInvalidateLedger();
  const update = useMutation(trpc.categories.update.mutationOptions({ onSuccess: invalidate }));
  const form = useForm({
    resolver: zodResolver(updateCategoryInput),
    defaultValues: { id: category.id, name: category.name, color: category.color ?? '#4f6bed' },
  });
  const { errors, isSubmitting } = form.formState;

  return (
    <Modal title={`Edit ${category.name}`} onClose={onClose}>
      <form
        noValidate
        onSubmit={form.handleSubmit(async (values) => {
          await update.mutateAsync(values).then(onClose, () => undefined);
        })}
      >
        <Field label="Category name" error={errors.name}>
          {(control) => <input {...control} {...form.register('name')} />}
        </Field>
        <Field label="Colour" error={errors.color}>
          {(control) => <input {...control} type="color" {...form.register('color')} />}
        </Field>
        <FormError error={update.error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={isSubmitting}>
            Save
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}
