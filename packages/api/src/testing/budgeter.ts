import type { ApiDeps } from '../deps.ts';
import type { BudgetProgress } from '../schemas/budgets.ts';
import { signUpWithLedger } from './index.ts';

/** A user from signUpWithLedger with the helpers the budget tests share. */
export async function signUpBudgeter(deps: ApiDeps, label = 'budgeter') {
  const user = await signUpWithLedger(deps, label);
  const { caller, checking, food } = user;

  /** A transaction from checking into Food unless told otherwise. */
  const spend = (
    amount: number,
    occurredOn: string,
    where: { accountId?: string; categoryId?: string | null } = {},
  ) =>
    caller.transactions.create({
      accountId: where.accountId ?? checking.id,
      categoryId: where.categoryId === undefined ? food.id : where.categoryId,
      amount,
      occurredOn,
    });

  /** The progress of one budget on a day, or undefined when it is not active then. */
  const progressOn = async (on: string, budgetId: string): Promise<BudgetProgress | undefined> =>
    (await caller.budgets.progress({ on })).find((item) => item.budget.id === budgetId);

  /** The numbers of one budget's progress on a day; fails when it is not active then. */
  const numbersOn = async (on: string, budgetId: string) => {
    const found = await progressOn(on, budgetId);
    if (found === undefined) throw new Error(`budget ${budgetId} is not active on ${on}`);
    const { budget: _budget, ...numbers } = found;
    return numbers;
  };

  return { ...user, spend, progressOn, numbersOn };
}
