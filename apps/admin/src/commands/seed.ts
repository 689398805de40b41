import type { Account } from '@budget/api';
import { createAccountInput, createBudgetInput } from '@budget/api/schemas';
import {
  accounts,
  actAs,
  budgets,
  categories,
  createUser,
  deleteUser,
  findUser,
  importTransactions,
  type Actor,
  type AdminUser,
  type NewUser,
  type Operator,
} from '@budget/api/admin';
import { TRPCError } from '@trpc/server';
import type { CategoryKind } from '@budget/db';
import type { AdminCommand, CommandContext } from '../command.ts';
import { UsageError } from '../errors.ts';
import {
  addPasswordOptions,
  choosePassword,
  flagOption,
  integerIn,
  numberOption,
  stringOption,
} from '../options.ts';
import { createProgress } from '../progress.ts';
import { isoDate, today } from '../seed/calendar.ts';
import { demoAccounts, type AccountKey } from '../seed/demo-catalog.ts';
import {
  generateDemoLedger,
  planDemoLedger,
  type DemoPlan,
  type DemoRefs,
} from '../seed/demo-ledger.ts';
import { describeUser, generatedPasswordLine } from '../users-text.ts';

/** Rows per INSERT statement. */
const BATCH_SIZE = 5_000;

export const seed: AdminCommand = {
  name: 'seed',
  summary: 'create a demo user with a believable history (deterministic for a --seed)',
  configure(command) {
    command
      .requiredOption('--email <email>', "the demo user's email")
      .option('--transactions <n>', 'how many transactions', integerIn(1, 10_000_000), 5_000)
      .option('--months <m>', 'months of history, ending today', integerIn(1, 240), 24)
      .option('--seed <s>', 'seed of the generator', integerIn(0, 0xffff_ffff), 1);
    addPasswordOptions(command)
      .option('--display-name <name>', "the demo user's display name")
      .option('--currency <code>', 'ISO 4217 currency of the demo user and accounts', 'USD')
      .option('--reset', 'if a user with this email exists, delete them and all their data first')
      .addHelpText(
        'after',
        '\nThe history: salary and rent monthly, bills and subscriptions, a weekly grocery shop,\n' +
          'everyday spending, refunds, savings and credit-card transfers, cash withdrawals, across\n' +
          'checking, savings, credit card and cash accounts and the default categories. The same\n' +
          '--seed, --transactions and --months give the same history on the same day.\n' +
          'Refuses an existing email unless --reset. Without a password option one is generated\n' +
          'and printed once.',
      );
  },
  async run(context, { options }) {
    const plan = planDemoLedger({
      transactions: numberOption(options, 'transactions') ?? 5_000,
      months: numberOption(options, 'months') ?? 24,
      seed: numberOption(options, 'seed') ?? 1,
      until: today(),
    });
    if (plan.recurring > plan.transactions) {
      throw new UsageError(
        `--transactions ${plan.transactions} is too few for ${plan.months} months of history: ` +
          `the monthly bills, pay and transfers alone take ${plan.recurring}`,
      );
    }
    const { password, generated } = await choosePassword(options, context.io.stdin);
    const user = await replaceableUser(
      context.operator,
      {
        email: stringOption(options, 'email') ?? '',
        password,
        displayName: stringOption(options, 'displayName'),
        currency: stringOption(options, 'currency'),
      },
      flagOption(options, 'reset'),
    );

    const started = performance.now();
    let seededAccounts: SeededAccount[];
    try {
      const actor = await actAs(context.operator, { id: user.id });
      seededAccounts = await populate(context, actor, plan);
    } catch (error) {
      // No half-seeded user is left behind.
      await deleteUser(context.operator, { userId: user.id });
      throw error;
    }
    const summary = {
      user,
      seed: plan.seed,
      months: plan.months,
      from: isoDate(plan.from),
      to: isoDate(plan.until),
      transactions: plan.transactions,
      accounts: seededAccounts,
      seconds: Math.round((performance.now() - started) / 100) / 10,
    };
    return {
      json: generated ? { ...summary, password } : summary,
      text: describeSeeded(summary) + (generated ? generatedPasswordLine(password) : ''),
    };
  },
};

type SeededAccount = Pick<
  Account,
  'id' | 'name' | 'type' | 'currency' | 'openingBalance' | 'balance'
>;

function describeSeeded(summary: {
  user: AdminUser;
  seed: number;
  from: string;
  to: string;
  transactions: number;
  accounts: SeededAccount[];
  seconds: number;
}): string {
  const balances = summary.accounts.map(
    (account) =>
      `  ${account.name.padEnd(22)} ${formatMoney(account.balance).padStart(16)} ${account.currency}\n`,
  );
  return (
    `Seeded ${describeUser(summary.user)}: ${summary.transactions} transactions from ` +
    `${summary.from} to ${summary.to} (seed ${summary.seed}) in ${summary.seconds} s.\n` +
    balances.join('')
  );
}

/** Creates the user; an existing one is an error unless `reset`, which deletes them first. */
async function replaceableUser(
  operator: Operator,
  newUser: NewUser,
  reset: boolean,
): Promise<AdminUser> {
  const existing = await findUser(operator, { email: newUser.email }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === 'NOT_FOUND') return undefined;
    throw error;
  });
  if (existing !== undefined) {
    if (!reset) {
      throw new Error(
        `${describeUser(existing)} already exists; pass --reset to delete and re-create it`,
      );
    }
    await deleteUser(operator, { userId: existing.id });
  }
  return createUser(operator, newUser);
}

/**
 * Opens the accounts through the same services a client's requests reach, as the user, then
 * bulk-loads the generated ledger (one database transaction; balances recomputed from it).
 * Returns the accounts as they end up.
 */
async function populate(
  { json, io }: CommandContext,
  actor: Actor,
  plan: DemoPlan,
): Promise<SeededAccount[]> {
  const refs = await openAccounts(actor);
  const progress = createProgress(io, { json, total: plan.transactions, label: 'seed' });
  try {
    await importTransactions(actor, generateDemoLedger(plan, refs, BATCH_SIZE), {
      onProgress: (inserted) => {
        progress.update(inserted);
      },
    });
  } finally {
    progress.stop();
  }
  await createBudgets(actor, refs, isoDate(plan.from));
  const opened = await accounts.list(actor, { includeArchived: true });
  return opened.map(({ id, name, type, currency, openingBalance, balance }) => ({
    id,
    name,
    type,
    currency,
    openingBalance,
    balance,
  }));
}

/** Budgets as a careful person would set them: a few spending categories, from the start. */
const demoBudgets = [
  { name: 'Groceries', amount: 60_000, period: 'monthly', rollover: true },
  { name: 'Dining', amount: 25_000, period: 'monthly', rollover: false },
  { name: 'Transport', amount: 4_000, period: 'weekly', rollover: false },
  { name: 'Travel', amount: 250_000, period: 'yearly', rollover: true },
] as const;

async function createBudgets(actor: Actor, refs: DemoRefs, startsOn: string): Promise<void> {
  for (const { name, ...budget } of demoBudgets) {
    await budgets.create(
      actor,
      createBudgetInput.parse({ ...budget, categoryId: refs.category('expense', name), startsOn }),
    );
  }
}

async function openAccounts(actor: Actor): Promise<DemoRefs> {
  const open = async (key: AccountKey) =>
    (await accounts.create(actor, createAccountInput.parse(demoAccounts[key]))).id;
  const opened: Record<AccountKey, string> = {
    checking: await open('checking'),
    savings: await open('savings'),
    creditCard: await open('creditCard'),
    cash: await open('cash'),
  };
  const own = await categories.list(actor, {});
  const byName = new Map(own.map((category) => [`${category.kind}:${category.name}`, category.id]));
  return {
    accounts: opened,
    category(kind: CategoryKind, name: string) {
      const id = byName.get(`${kind}:${name}`);
      if (id === undefined) throw new Error(`the default ${kind} category ${name} is missing`);
      return id;
    },
  };
}

/** Minor units as a decimal amount, with integer arithmetic only. */
function formatMoney(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const whole = Math.trunc(abs / 100).toLocaleString('en-US');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`;
}
