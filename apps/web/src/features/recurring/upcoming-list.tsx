import type { Account, Category } from '@budget/client';
import { formatDate } from '../../lib/dates.ts';
import { Money } from '../ui/money.tsx';
import { ruleTitle } from './rule-title.ts';
import type { UpcomingOccurrence } from './types.ts';

/** The forecast of `recurring.upcoming`: date, what, which account, how much. */
export function UpcomingList({
  occurrences,
  accounts,
  categories,
}: {
  occurrences: readonly UpcomingOccurrence[];
  accounts: ReadonlyMap<string, Account>;
  categories: ReadonlyMap<string, Category>;
}) {
  return (
    <ul className="plain" data-testid="upcoming">
      {occurrences.map((occurrence) => (
        <li key={`${occurrence.ruleId}|${occurrence.on}`} className="row">
          <span className="upcoming-date">{formatDate(occurrence.on)}</span>
          <span className="grow">
            {ruleTitle(occurrence, accounts, categories)}
            <span className="muted small"> · {accounts.get(occurrence.accountId)?.name}</span>
          </span>
          <Money
            amount={occurrence.toAccountId === null ? occurrence.amount : -occurrence.amount}
            currency={occurrence.currency}
          />
        </li>
      ))}
    </ul>
  );
}
