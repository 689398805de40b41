import type { BudgetProgress } from '@budget/client';
import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc.ts';
import { useInvalidateLedger } from '../ledger-invalidation.ts';
import { FormError } from '../ui/form-error.tsx';
import { BudgetProgressBar } from './budget-progress-bar.tsx';
import { periodLabels } from './new-budget-form.tsx';

export function BudgetItem({ progress, name }: { progress: BudgetProgress; name: string }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateLedger();
  const update = useMutation(trpc.budgets.update.mutationOptions({ onSuccess: invalidate }));
  const remove = useMutation(trpc.budgets.delete.mutationOptions({ onSuccess: invalidate }));
  const { budget } = progress;

  return (
    <li className="card">
      <BudgetProgressBar progress={progress} name={`${name} · ${periodLabels[budget.period]}`} />
      <div className="actions">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={budget.rollover}
            disabled={update.isPending}
            onChange={(event) => update.mutate({ id: budget.id, rollover: event.target.checked })}
          />{' '}
          Rollover
        </label>
        <button
          type="button"
          className="danger"
          onClick={() => remove.mutate({ id: budget.id })}
          aria-label={`Delete the ${name} budget`}
        >
          Delete
        </button>
      </div>
      <FormError error={update.error ?? remove.error} />
    </li>
  );
}
