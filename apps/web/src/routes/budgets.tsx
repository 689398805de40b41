import { useQuery } from '@tanstack/react-query';
import { useMe } from '../features/auth/use-me.ts';
import { BudgetItem } from '../features/budgets/budget-item.tsx';
import { NewBudgetForm } from '../features/budgets/new-budget-form.tsx';
import { useCategories } from '../features/categories/use-categories.ts';
import { Empty, QueryState } from '../features/ui/page-state.tsx';
import { useTRPC } from '../lib/trpc.ts';

export function BudgetsPage() {
  const trpc = useTRPC();
  const me = useMe();
  const categories = useCategories();
  const progress = useQuery(trpc.budgets.progress.queryOptions({}));
  const expenseCategories = categories.open.filter((category) => category.kind === 'expense');

  return (
    <>
      <h1>Budgets</h1>
      <section aria-labelledby="new-budget">
        <h2 id="new-budget">Add a budget</h2>
        <QueryState query={categories.query} label="Loading categories…">
          {() =>
            expenseCategories.length === 0 ? (
              <Empty>Add an expense category first.</Empty>
            ) : (
              <NewBudgetForm categories={expenseCategories} currency={me.currency} />
            )
          }
        </QueryState>
      </section>
      <section aria-labelledby="this-period">
        <h2 id="this-period">This period</h2>
        <QueryState query={progress} label="Loading budgets…">
          {(budgets) =>
            budgets.length === 0 ? (
              <Empty>No budgets yet. A budget shows how much of a category you have spent.</Empty>
            ) : (
              <ul className="list">
                {budgets.map((item) => (
                  <BudgetItem
                    key={item.budget.id}
                    progress={item}
                    name={categories.byId.get(item.budget.categoryId)?.name ?? 'Category'}
                  />
                ))}
              </ul>
            )
          }
        </QueryState>
      </section>
    </>
  );
}
