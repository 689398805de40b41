import type { Account } from '../src/schemas/accounts.ts';
import type { ApiDeps } from '../src/deps.ts';
import { TEST_PASSWORD, callerFor } from '../src/testing/index.ts';

export const HOME_CURRENCY = 'USD';
export const FOREIGN_CURRENCY = 'EUR';

/** Who to create: how many ledger rows they will get and whether they hold a second currency. */
export interface UserPlan {
  label: string;
  transactions: number;
  foreignAccount: boolean;
}

/** A registered user with accounts and budgets, and what the ledger seeding needs to know. */
export interface SeededUser {
  plan: UserPlan;
  id: string;
  email: string;
  checkingId: string;
  savingsId: string;
  cardId: string;
  foreignAccountId: string | null;
  /** Expense categories, most used first. */
  expenseCategoryIds: string[];
  salaryCategoryId: string;
  otherIncomeCategoryIds: string[];
  budgets: number;
}

type Caller = ReturnType<typeof callerFor>;

/** Most spending goes to the first names; the rest follow in this order. */
const SPENDING_ORDER = [
  'Groceries',
  'Dining',
  'Transport',
  'Shopping',
  'Entertainment',
  'Utilities',
  'Subscriptions',
  'Health',
  'Housing',
  'Travel',
  'Gifts',
  'Other',
];

/** Registers the user through `auth.register` (default categories), then accounts and budgets. */
export async function seedUser(
  deps: ApiDeps,
  plan: UserPlan,
  budgetsStartOn: string,
): Promise<SeededUser> {
  const email = `${plan.label}@bench.example`;
  const session = await callerFor(deps).auth.register({
    email,
    password: TEST_PASSWORD,
    displayName: plan.label,
    currency: HOME_CURRENCY,
  });
  const caller = callerFor(deps, session.accessToken);
  const accounts = await createAccounts(caller, plan.foreignAccount);
  const categories = await categoryIds(caller);
  const user = { plan, id: session.user.id, email, ...accounts, ...categories, budgets: 0 };
  user.budgets = await createBudgets(caller, user, budgetsStartOn);
  return user;
}

export async function signIn(deps: ApiDeps, email: string): Promise<Caller> {
  const session = await callerFor(deps).auth.login({ email, password: TEST_PASSWORD });
  return callerFor(deps, session.accessToken);
}

async function createAccounts(caller: Caller, foreignAccount: boolean) {
  const open = (name: string, type: Account['type'], openingBalance: number, currency?: string) =>
    caller.accounts.create({ name, type, openingBalance, currency });
  const checking = await open('Checking', 'checking', 250_000);
  const savings = await open('Savings', 'savings', 1_000_000);
  const card = await open('Credit card', 'credit_card', 0);
  const foreign = foreignAccount
    ? await open('Euro account', 'checking', 50_000, FOREIGN_CURRENCY)
    : null;
  return {
    checkingId: checking.id,
    savingsId: savings.id,
    cardId: card.id,
    foreignAccountId: foreign?.id ?? null,
  };
}

async function categoryIds(caller: Caller) {
  const categories = await caller.categories.list({});
  const idOf = (kind: 'income' | 'expense', name: string) => {
    const found = categories.find((category) => category.kind === kind && category.name === name);
    if (found === undefined) throw new Error(`Default ${kind} category ${name} is missing`);
    return found.id;
  };
  const incomes = categories.filter((category) => category.kind === 'income');
  return {
    expenseCategoryIds: SPENDING_ORDER.map((name) => idOf('expense', name)),
    salaryCategoryId: idOf('income', 'Salary'),
    otherIncomeCategoryIds: incomes
      .filter((category) => category.name !== 'Salary')
      .map((category) => category.id),
  };
}

/** Weekly, monthly and yearly budgets, some with rollover, all starting five years ago. */
async function createBudgets(
  caller: Caller,
  user: Pick<SeededUser, 'plan' | 'expenseCategoryIds'>,
  startsOn: string,
): Promise<number> {
  const [groceries, dining, transport, shopping, entertainment, , , health, , travel] =
    user.expenseCategoryIds;
  // Amounts grow with the ledger so a heavy user's budgets are as tight as anyone's.
  const scale = user.plan.transactions / 10_000;
  const budgets = [
    { categoryId: groceries, period: 'monthly', amount: 60_000, rollover: true },
    { categoryId: dining, period: 'weekly', amount: 8_000, rollover: false },
    { categoryId: transport, period: 'monthly', amount: 25_000, rollover: false },
    { categoryId: entertainment, period: 'weekly', amount: 4_000, rollover: true },
    { categoryId: shopping, period: 'yearly', amount: 300_000, rollover: false },
    { categoryId: travel, period: 'yearly', amount: 150_000, rollover: true },
  ] as const;
  for (const budget of budgets) {
    await caller.budgets.create({
      ...budget,
      categoryId: required(budget.categoryId),
      amount: Math.round(budget.amount * scale),
      startsOn,
    });
  }
  if (user.plan.foreignAccount) {
    await caller.budgets.create({
      categoryId: required(health),
      period: 'monthly',
      amount: Math.round(5_000 * scale),
      currency: FOREIGN_CURRENCY,
      startsOn,
    });
  }
  return budgets.length + (user.plan.foreignAccount ? 1 : 0);
}

function required(id: string | undefined): string {
  if (id === undefined) throw new Error('A default expense category is missing');
  return id;
}
