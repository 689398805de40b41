import { accountTypes, updateAccountInput } from '@budget/api/schemas';
import type { Account } from '@budget/client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTRPC } from '../../lib/trpc.ts';
import { useInvalidateLedger } from '../ledger-invalidation.ts';
import { Field } from '../ui/field.tsx';
import { FormError } from '../ui/form-error.tsx';
import { Modal } from '../ui/modal.tsx';
import { accountTypeLabels } from './account-types.ts';

export function EditAccountDialog({ account, onClose }: { account: Account; onClose: () => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateLedger();
  const update = useMutation(trpc.accounts.update.mutationOptions({ onSuccess: invalidate }));
  const form = useForm({
    resolver: zodResolver(updateAccountInput),
    defaultValues: { id: account.id, name: account.name, type: account.type },
  });
  const { errors, isSubmitting } = form.formState;

  return (
    <Modal title={`Edit ${account.name}`} onClose={onClose}>
      <form
        noValidate
        onSubmit={form.handleSubmit(async (values) => {
          await update.mutateAsync(values).then(onClose, () => undefined);
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
