import { transferInput } from '@budget/api/schemas';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { today } from '../../lib/dates.ts';
import { minorUnitsOf } from '../../lib/money-field.ts';
import { useAccounts } from '../accounts/use-accounts.ts';
import { Field } from '../ui/field.tsx';
import { FormError } from '../ui/form-error.tsx';
import { Modal } from '../ui/modal.tsx';
import { useTransactionMutations } from './use-transaction-mutations.ts';

export function TransferDialog({ onClose }: { onClose: () => void }) {
  const accounts = useAccounts();
  const { transfer } = useTransactionMutations();
  const schema = useMemo(
    () =>
      z
        .object({ ...transferInput.shape, amount: z.string(), note: z.string() })
        .transform((values, ctx): z.input<typeof transferInput> => ({
          ...values,
          amount: minorUnitsOf(
            values.amount,
            accounts.byId.get(values.fromAccountId)?.currency ?? 'USD',
            ctx,
            'amount',
          ),
          note: values.note.trim() === '' ? null : values.note,
        }))
        .pipe(transferInput),
    [accounts.byId],
  );
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);
  const form = useForm({
    resolver: zodResolver(schema),
    defaultValues: {
      fromAccountId: accounts.open[0]?.id ?? '',
      toAccountId: accounts.open[1]?.id ?? '',
      amount: '',
      occurredOn: today(),
      note: '',
    },
  });
  const { errors, isSubmitting } = form.formState;
  const options = accounts.open.map((account) => (
    <option key={account.id} value={account.id}>
      {account.name} ({account.currency})
    </option>
  ));

  return (
    <Modal title="Transfer between accounts" onClose={onClose}>
      <form
        noValidate
        onSubmit={form.handleSubmit(async (values) => {
          await transfer.mutateAsync({ ...values, idempotencyKey }).then(onClose, () => undefined);
        })}
      >
        <Field label="From account" error={errors.fromAccountId}>
          {(control) => (
            <select {...control} {...form.register('fromAccountId')}>
              {options}
            </select>
          )}
        </Field>
        <Field label="To account" error={errors.toAccountId}>
          {(control) => (
            <select {...control} {...form.register('toAccountId')}>
              {options}
            </select>
          )}
        </Field>
        <Field label="Amount" error={errors.amount}>
          {(control) => <input {...control} inputMode="decimal" {...form.register('amount')} />}
        </Field>
        <Field label="Date" error={errors.occurredOn}>
          {(control) => <input {...control} type="date" {...form.register('occurredOn')} />}
        </Field>
        <Field label="Note" error={errors.note}>
          {(control) => <input {...control} {...form.register('note')} />}
        </Field>
        <FormError error={transfer.error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={isSubmitting}>
            Transfer
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}
