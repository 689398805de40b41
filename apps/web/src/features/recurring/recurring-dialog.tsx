import type { RecurringRule } from './types.ts';
import { recurringFrequencySchema } from '@budget/api/schemas';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { formatDate } from '../../lib/dates.ts';
import { isConflict } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useAccounts } from '../accounts/use-accounts.ts';
import { useCategories } from '../categories/use-categories.ts';
import { Field } from '../ui/field.tsx';
import { FormError } from '../ui/form-error.tsx';
import { Modal } from '../ui/modal.tsx';
import { frequencyLabels } from './frequency.ts';
import { formValuesOf, recurringFormSchema, updateInputOf } from './recurring-form-schema.ts';
import { useInvalidateRecurring } from './use-invalidate-recurring.ts';

/**
 * Creates a rule, or edits one at the version it was opened at. Account, destination, frequency
 * and start are fixed once a rule exists (the API keeps its past occurrences consistent), so
 * editing shows them but changes amount, category, payee, note, interval and end.
 */
export function RecurringDialog({ rule, onClose }: { rule?: RecurringRule; onClose: () => void }) {
  const trpc = useTRPC();
  const accounts = useAccounts();
  const categories = useCategories();
  const invalidate = useInvalidateRecurring();
  const create = useMutation(trpc.recurring.create.mutationOptions({ onSuccess: invalidate }));
  const update = useMutation(trpc.recurring.update.mutationOptions({ onSuccess: invalidate }));
  const schema = useMemo(() => recurringFormSchema(accounts.byId), [accounts.byId]);
  const form = useForm({
    resolver: zodResolver(schema),
    defaultValues: formValuesOf(rule, accounts.open),
  });
  const { errors, isSubmitting } = form.formState;
  const kind = form.watch('kind');
  // Categories belong to a kind: switching between expense and income clears the choice.
  const kindField = form.register('kind', {
    onChange: () => form.setValue('categoryId', ''),
  });
  const editing = rule !== undefined;
  const error = create.error ?? update.error;
  const options = accounts.open.map((account) => (
    <option key={account.id} value={account.id}>
      {account.name} ({account.currency})
    </option>
  ));
  const kindCategories = categories.open.filter((category) => category.kind === kind);

  return (
    <Modal title={editing ? 'Edit recurring entry' : 'New recurring entry'} onClose={onClose}>
      <form
        noValidate
        onSubmit={form.handleSubmit(async (values) => {
          const saved = editing
            ? update.mutateAsync(updateInputOf(rule, values))
            : create.mutateAsync(values);
          await saved.then(onClose, () => undefined);
        })}
      >
        {!(editing && kind === 'transfer') && (
          <fieldset className="segmented">
            <legend>Type</legend>
            <label>
              <input type="radio" value="expense" {...kindField} /> Expense
            </label>
            <label>
              <input type="radio" value="income" {...kindField} /> Income
            </label>
            {!editing && accounts.open.length >= 2 && (
              <label>
                <input type="radio" value="transfer" {...kindField} /> Transfer
              </label>
            )}
          </fieldset>
        )}
        <Field label="Amount" error={errors.amount}>
          {(control) => (
            <input {...control} inputMode="decimal" autoFocus {...form.register('amount')} />
          )}
        </Field>
        {editing ? (
          <dl className="facts">
            <div>
              <dt>{kind === 'transfer' ? 'From account' : 'Account'}</dt>
              <dd>{accounts.byId.get(rule.accountId)?.name ?? 'Account'}</dd>
            </div>
            {rule.toAccountId !== null && (
              <div>
                <dt>To account</dt>
                <dd>{accounts.byId.get(rule.toAccountId)?.name ?? 'Account'}</dd>
              </div>
            )}
            <div>
              <dt>Repeats</dt>
              <dd>{frequencyLabels[rule.frequency]}</dd>
            </div>
            <div>
              <dt>Started on</dt>
              <dd>{formatDate(rule.startsOn)}</dd>
            </div>
          </dl>
        ) : (
          <>
            <Field
              label={kind === 'transfer' ? 'From account' : 'Account'}
              error={errors.accountId}
            >
              {(control) => (
                <select {...control} {...form.register('accountId')}>
                  {options}
                </select>
              )}
            </Field>
            {kind === 'transfer' && (
              <Field label="To account" error={errors.toAccountId}>
                {(control) => (
                  <select {...control} {...form.register('toAccountId')}>
                    {options}
                  </select>
                )}
              </Field>
            )}
            <Field label="Repeats" error={errors.frequency}>
              {(control) => (
                <select {...control} {...form.register('frequency')}>
                  {recurringFrequencySchema.options.map((frequency) => (
                    <option key={frequency} value={frequency}>
                      {frequencyLabels[frequency]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Starts on" error={errors.startsOn}>
              {(control) => <input {...control} type="date" {...form.register('startsOn')} />}
            </Field>
          </>
        )}
        {kind !== 'transfer' && (
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
        )}
        <Field label="Payee" error={errors.payee}>
          {(control) => <input {...control} {...form.register('payee')} />}
        </Field>
        <Field
          label="Every how many periods"
          error={errors.interval}
          hint="1 = every period, 2 = every other one; up to 12."
        >
          {(control) => (
            <input {...control} type="number" min={1} max={12} {...form.register('interval')} />
          )}
        </Field>
        <Field label="Ends on (optional)" error={errors.endsOn}>
          {(control) => <input {...control} type="date" {...form.register('endsOn')} />}
        </Field>
        <Field label="Note" error={errors.note}>
          {(control) => <textarea {...control} rows={2} {...form.register('note')} />}
        </Field>
        {isConflict(update.error) ? (
          <p role="alert" className="field-error">
            This entry was changed somewhere else after you opened it. Close this and open it again
            to edit the latest version.
          </p>
        ) : (
          <FormError error={error} />
        )}
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
