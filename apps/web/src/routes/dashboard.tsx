import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useAccounts } from '../features/accounts/use-accounts.ts';
import { useMe } from '../features/auth/use-me.ts';
import { UpcomingList } from '../features/recurring/upcoming-list.tsx';
import { BudgetProgressBar } from '../features/budgets/budget-progress-bar.tsx';
import { useCategories } from '../features/categories/use-categories.ts';
import { TransactionRow } from '../features/transactions/transaction-row.tsx';
import { Money } from '../features/ui/money.tsx';
import { Empty, QueryState } from '../features/ui/page-state.tsx';
import { addDays, formatMonth, monthRange, todayIn } from '../lib/dates.ts';
import { useTRPC } from '../lib/trpc.ts';

/** The dashboard's bills look two weeks ahead; the recurring page shows the next 30 days. */
const UPCOMING_DAYS = 14;

export function DashboardPage() {
  const trpc = useTRPC();
  const me = useMe();
  const month = monthRange();
  const accounts = useAccounts();
  const categories = useCategories();
  const summary = useQuery(trpc.reports.summary.queryOptions(month));
  const budgets = useQuery(trpc.budgets.progress.queryOptions({}));
  const recent = useQuery(trpc.transactions.list.queryOptions({ limit: 8 }));
  const start = todayIn(me.timeZone);
  const upcoming = useQuery(
    trpc.recurring.upcoming.queryOptions({ from: start, to: addDays(start, UPCOMING_DAYS - 1) }),
  );

  return (
    <>
      <h1>Dashboard</h1>
      <div className="grid">
        <section className="card" aria-labelledby="balances">
          <h2 id="balances">Balances</h2>
          <QueryState query={accounts.query} label="Loading accounts…">
            {() =>
              accounts.open.length === 0 ? (
                <Empty>
                  No accounts yet. <Link to="/accounts">Add your first account</Link>.
                </Empty>
              ) : (
                <ul className="plain" data-testid="balances">
                  {accounts.open.map((account) => (
                    <li key={account.id} className="row">
                      <span className="grow">{account.name}</span>
                      <Money amount={account.balance} currency={account.currency} />
                    </li>
                  ))}
                </ul>
              )
            }
          </QueryState>
        </section>

        <section className="card" aria-labelledby="this-month">
          <h2 id="this-month">{formatMonth(month.from)}</h2>
          <QueryState query={summary} label="Loading this month…">
            {(currencies) =>
              currencies.length === 0 ? (
                <Empty>No income or spending this month yet.</Empty>
              ) : (
                currencies.map((totals) => (
                  <dl
                    key={totals.currency}
                    className="totals"
                    data-testid={`month-${totals.currency}`}
                  >
                    <div>
                      <dt>Income</dt>
                      <dd>
                        <Money amount={totals.income} currency={totals.currency} />
                      </dd>
                    </div>
                    <div>
                      <dt>Expense</dt>
                      <dd>
                        <Money amount={totals.expense} currency={totals.currency} />
                      </dd>
                    </div>
                    <div>
                      <dt>Net</dt>
                      <dd>
                        <Money amount={totals.net} currency={totals.currency} />
                      </dd>
                    </div>
                  </dl>
                ))
              )
            }
          </QueryState>
        </section>

        <section className="card" aria-labelledby="budgets">
          <h2 id="budgets">Budgets</h2>
          <QueryState query={budgets} label="Loading budgets…">
            {(items) =>
              items.length === 0 ? (
                <Empty>
                  No budgets yet. <Link to="/budgets">Set one</Link>.
                </Empty>
              ) : (
                items.map((progress) => (
                  <BudgetProgressBar
                    key={progress.budget.id}
                    progress={progress}
                    name={categories.byId.get(progress.budget.categoryId)?.name ?? 'Category'}
                  />
                ))
              )
            }
          </QueryState>
        </section>

        <section className="card" aria-labelledby="upcoming-bills">
          <h2 id="upcoming-bills">Upcoming bills</h2>
          <QueryState query={upcoming} label="Loading upcoming entries…">
            {(items) =>
              items.length === 0 ? (
                <Empty>
                  Nothing due in the next {UPCOMING_DAYS} days.{' '}
                  <Link to="/recurring">Set up a recurring entry</Link>.
                </Empty>
              ) : (
                <UpcomingList
                  occurrences={items}
                  accounts={accounts.byId}
                  categories={categories.byId}
                />
              )
            }
          </QueryState>
        </section>

        <section className="card" aria-labelledby="recent">
          <h2 id="recent">Recent transactions</h2>
          <QueryState query={recent} label="Loading transactions…">
            {({ items }) =>
              items.length === 0 ? (
                <Empty>
                  Nothing recorded yet. <Link to="/transactions">Add a transaction</Link>.
                </Empty>
              ) : (
                <ul className="plain">
                  {items.map((transaction) => (
                    <li key={transaction.id}>
                      <TransactionRow
                        transaction={transaction}
                        accounts={accounts.byId}
                        categories={categories.byId}
                      />
                    </li>
                  ))}
                </ul>
              )
            }
          </QueryState>
        </section>
      </div>
    </>
  );
}
