import type { RecurringRule } from '../features/recurring/types.ts';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useAccounts } from '../features/accounts/use-accounts.ts';
import { useCategories } from '../features/categories/use-categories.ts';
import { RecurringDialog } from '../features/recurring/recurring-dialog.tsx';
import { RecurringRow } from '../features/recurring/recurring-row.tsx';
import { UpcomingList } from '../features/recurring/upcoming-list.tsx';
import { Empty, QueryState } from '../features/ui/page-state.tsx';
import { useTRPC } from '../lib/trpc.ts';

type Open = { kind: 'add' } | { kind: 'edit'; rule: RecurringRule } | null;

export function RecurringPage() {
  const trpc = useTRPC();
  const accounts = useAccounts();
  const categories = useCategories();
  const rules = useQuery(trpc.recurring.list.queryOptions());
  const upcoming = useQuery(trpc.recurring.upcoming.queryOptions({}));
  const [open, setOpen] = useState<Open>(null);

  return (
    <>
      <div className="page-header">
        <h1>Recurring</h1>
        <div className="actions">
          <button
            type="button"
            className="primary"
            onClick={() => setOpen({ kind: 'add' })}
            disabled={accounts.open.length === 0}
          >
            New recurring entry
          </button>
        </div>
      </div>
      <div className="columns">
        <section aria-labelledby="rules">
          <h2 id="rules">Rules</h2>
          <QueryState query={rules} label="Loading recurring entries…">
            {(items) =>
              items.length === 0 ? (
                accounts.open.length === 0 ? (
                  <Empty>
                    <Link to="/accounts">Add an account</Link> first, then set up rent, salary or
                    subscriptions here.
                  </Empty>
                ) : (
                  <Empty>
                    No recurring entries yet. Add rent, salary or a subscription and it is recorded
                    on its day.
                  </Empty>
                )
              ) : (
                <ul className="list">
                  {items.map((rule) => (
                    <RecurringRow
                      key={rule.id}
                      rule={rule}
                      accounts={accounts.byId}
                      categories={categories.byId}
                      onEdit={(chosen) => setOpen({ kind: 'edit', rule: chosen })}
                    />
                  ))}
                </ul>
              )
            }
          </QueryState>
        </section>
        <section aria-labelledby="upcoming" className="card">
          <h2 id="upcoming">Upcoming (next 30 days)</h2>
          <QueryState query={upcoming} label="Loading upcoming entries…">
            {(items) =>
              items.length === 0 ? (
                <Empty>Nothing due in the next 30 days.</Empty>
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
      </div>
      {open?.kind === 'add' && <RecurringDialog onClose={() => setOpen(null)} />}
      {open?.kind === 'edit' && (
        <RecurringDialog key={open.rule.id} rule={open.rule} onClose={() => setOpen(null)} />
      )}
    </>
  );
}
