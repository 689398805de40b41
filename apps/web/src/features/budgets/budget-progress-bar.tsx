import type { BudgetProgress } from '@budget/client';
import { formatDate } from '../../lib/dates.ts';
import { Money } from '../ui/money.tsx';

const statusLabels = {
  ok: 'On track',
  warning: 'Close to the limit',
  over: 'Over budget',
} as const;

/** One budget's period: spent against budgeted, coloured and labelled by its status. */
export function BudgetProgressBar({ progress, name }: { progress: BudgetProgress; name: string }) {
  const { budget, spent, budgeted, remaining, percentUsed, status } = progress;
  const percent = percentUsed ?? (spent > 0 ? 100 : 0);
  return (
    <div className={`budget budget-${status}`} data-testid="budget-progress">
      <div className="row">
        <strong className="grow">{name}</strong>
        <span className={`tag tag-${status}`}>{statusLabels[status]}</span>
      </div>
      <progress
        max={100}
        value={Math.min(percent, 100)}
        aria-label={`${name}: ${percentUsed === null ? 'nothing left to budget' : `${percentUsed}% used`}`}
      />
      <div className="row small">
        <span className="grow">
          <Money amount={spent} currency={budget.currency} /> of{' '}
          <Money amount={budgeted} currency={budget.currency} />
          {budget.rollover && <span className="muted"> (with rollover)</span>}
        </span>
        <span>
          <Money amount={remaining} currency={budget.currency} /> left
        </span>
      </div>
      <div className="muted small">
        {formatDate(progress.periodStart)} – {formatDate(progress.periodEnd)}
      </div>
    </div>
  );
}
