import type { Account, Category } from '@budget/client';
import type { RecurringRule } from './types.ts';
import { useMutation } from '@tanstack/react-query';
import { formatDate } from '../../lib/dates.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { FormError } from '../ui/form-error.tsx';
import { Money } from '../ui/money.tsx';
import { describeSchedule } from './frequency.ts';
import { ruleKind } from './recurring-form-schema.ts';
import { ruleTitle } from './rule-title.ts';
import { useInvalidateRecurring } from './use-invalidate-recurring.ts';

const kindLabels = { expense: 'Expense', income: 'Income', transfer: 'Transfer' } as const;

/** One rule: what, how much, how often, when next; pause/resume, skip the next one, edit, delete. */
export function RecurringRow({
  rule,
  accounts,
  categories,
  onEdit,
}: {
  rule: RecurringRule;
  accounts: ReadonlyMap<string, Account>;
  categories: ReadonlyMap<string, Category>;
  onEdit: (rule: RecurringRule) => void;
}) {
  const trpc = useTRPC();
  const invalidate = useInvalidateRecurring();
  const update = useMutation(trpc.recurring.update.mutationOptions({ onSuccess: invalidate }));
  const skip = useMutation(trpc.recurring.skip.mutationOptions({ onSuccess: invalidate }));
  const remove = useMutation(trpc.recurring.delete.mutationOptions({ onSuccess: invalidate }));
  const title = ruleTitle(rule, accounts, categories);
  const kind = ruleKind(rule);
  const account = accounts.get(rule.accountId)?.name ?? 'Account';
  const busy = update.isPending || skip.isPending || remove.isPending;

  return (
    <li className="card" data-testid="recurring-rule">
      <div className="row">
        <div className="grow">
          <strong>{title}</strong> <span className="tag">{kindLabels[kind]}</span>
          {rule.paused && <span className="tag tag-warning">Paused</span>}
          <div className="muted small">
            {describeSchedule(rule.frequency, rule.interval)} · {account}
            {rule.toAccountId !== null &&
              ` → ${accounts.get(rule.toAccountId)?.name ?? 'Account'}`}{' '}
            · from {formatDate(rule.startsOn)}
            {rule.endsOn !== null && ` until ${formatDate(rule.endsOn)}`}
          </div>
          <div className="small">
            {rule.nextOn === null
              ? 'Finished: no more entries.'
              : rule.paused
                ? `Paused; next would be ${formatDate(rule.nextOn)}`
                : `Next on ${formatDate(rule.nextOn)}`}
          </div>
        </div>
        <Money amount={rule.amount} currency={rule.currency} />
      </div>
      <div className="actions">
        <button type="button" onClick={() => onEdit(rule)} aria-label={`Edit ${title}`}>
          Edit
        </button>
        <button
          type="button"
          disabled={busy || rule.nextOn === null}
          onClick={() =>
            update.mutate({ id: rule.id, expectedVersion: rule.version, paused: !rule.paused })
          }
          aria-label={`${rule.paused ? 'Resume' : 'Pause'} ${title}`}
        >
          {rule.paused ? 'Resume' : 'Pause'}
        </button>
        <button
          type="button"
          disabled={busy || rule.nextOn === null}
          onClick={() => {
            if (rule.nextOn !== null) skip.mutate({ id: rule.id, on: rule.nextOn });
          }}
          aria-label={`Skip next ${title}`}
        >
          Skip next
        </button>
        <button
          type="button"
          className="danger"
          disabled={busy}
          onClick={() => {
            if (window.confirm(`Delete "${title}"? Entries it already made stay.`)) {
              remove.mutate({ id: rule.id });
            }
          }}
          aria-label={`Delete ${title}`}
        >
          Delete
        </button>
      </div>
      <FormError error={update.error ?? skip.error ?? remove.error} />
    </li>
  );
}
