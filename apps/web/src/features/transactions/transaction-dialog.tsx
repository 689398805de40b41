import type { Transaction } from '@budget/client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { isConflict } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useAccounts } from '../accounts/use-accounts.ts';
import { useCategories } from '../categories/use-categories.ts';
import { Field } from '../ui/field.tsx';
import { FormError } from '../ui/form-error.tsx';
import { Modal } from '../ui/modal.tsx';
import { ConflictPrompt } from './conflict-prompt.tsx';
import { formValuesOf, transactionFormSchema } from './transaction-form-schema.ts';
import { useTransactionMutations } from './use-transaction-mutations.ts';

type SavedFields = ReturnType<ReturnType<typeof transactionFormSchema>['parse']>;

/**
 * Adds a transaction, or edits one against the version it was opened at: a save that finds a
 * newer version asks whether to reload it or overwrite it.
 */
export function TransactionDialog({
  transaction,
  onClose,
}: {
  transaction?: Transaction;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const accounts = useAccounts();
  const categories = useCategories();
  const { create, update } = useTransactionMutations();
  const [baseVersion, setBaseVersion] = useState(transaction?.version);
  const [conflicted, setConflicted] = useState<SavedFields | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const schema = useMemo(() => transactionFormSchema(accounts.byId), [accounts.byId]);
  const form = useForm({
    resolver: zodResolver(schema),
    defaultValues: formValuesOf(transaction, accounts.open[0]?.id ?? ''),
  });
  const { errors, isSubmitting } = form.formState;
  const direction = form.watch('direction');
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);

  async function save(values: SavedFields, expectedVersion: number | undefined) {
    setError(null);
    try {
      if (transaction === undefined) {
        await create.mutateAsync({ ...values, idempotencyKey });
      } else {
        await update.mutateAsync({ id: transaction.id, expectedVersion, ...values });
      }
      onClose();
    } catch (cause) {
      if (isConflict(cause) && transaction !== undefined) setConflicted(values);
      else setError(cause);
    }
  }

  async function latest(): Promise<Transaction | undefined> {
    if (transaction === undefined) return undefined;
    return queryClient.query({
      ...trpc.transactions.byId.queryOptions({ id: transaction.id }),
      staleTime: 0,
    });
  }

  async function reload() {
    setBusy(true);
    try {
      const fresh = await latest();
      if (fresh !== undefined) {
        form.reset(formValuesOf(fresh, fresh.accountId));
        setBaseVersion(fresh.version);
      }
      setConflicted(null);
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  }

  async function overwrite() {
    if (conflicted === null) return;
    setBusy(true);
    try {
      const fresh = await latest();
      setConflicted(null);
      await save(conflicted, fresh?.version);
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  }

  const kindCategories = categories.open.filter((category) => category.kind === direction);

  return (
    <Modal title={transaction ? 'Edit transaction' : 'Add transaction'} onClose={onClose}>
      <form noValidate onSubmit={form.handleSubmit((values) => save(values, baseVersion))}>
        <fieldset className="segmented">
          <legend>Type</legend>
          <label>
            <input type="radio" value="expense" {...form.register('direction')} /> Expense
          </label>
          <label>
            <input type="radio" value="income" {...form.register('direction')} /> Income
          </label>
        </fieldset>
        <Field label="Amount" error={errors.amount}>
          {(control) => (
            <input {...control} inputMode="decimal" autoFocus {...form.register('amount')} />
          )}
        </Field>
        <Field label="Account" error={errors.accountId}>
          {(control) => (
            <select {...control} {...form.register('accountId')}>
              {accounts.open.map((account) => (
                <option key={account.id} value={account.id}>
                  {account.name} ({account.currency})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Category" error={errors.categoryId}>
          {(control) => (
            <select {...control} {...form.register('categoryId')}>
              <option value="">Uncategorized</option>
              {kindCategories.map((category) => (
                <option key={category.id} value={category.id}>
                  {category.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Date" error={errors.occurredOn}>
          {(control) => <input {...control} type="date" {...form.register('occurredOn')} />}
        </Field>
        <Field label="Payee" error={errors.payee}>
          {(control) => <input {...control} {...form.register('payee')} />}
        </Field>
        <Field label="Note" error={errors.note}>
          {(control) => <textarea {...control} rows={2} {...form.register('note')} />}
        </Field>
        {conflicted !== null && (
          <ConflictPrompt
            busy={busy}
            onReload={() => void reload()}
            onOverwrite={() => void overwrite()}
          />
        )}
        <FormError error={error} />
        <div className="actions">
          <button
            type="submit"
            className="primary"
            disabled={isSubmitting || busy || conflicted !== null}
          >
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
