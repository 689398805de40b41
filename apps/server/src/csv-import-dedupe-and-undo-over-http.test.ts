import type {
  Account,
  BudgetProgress,
  CsvMapping,
  CurrencySummary,
  ImportPreview,
  ImportResult,
  Transaction,
} from '@budget/api';
import { describe, expect, it } from 'vitest';
import { allTransactions, httpUserWithAccount, type HttpUser } from './testing/http-user.ts';
import { errorCodeOf, mutate, useTestServer } from './testing/index.ts';

const server = useTestServer();

const mapping: CsvMapping = {
  delimiter: ',',
  hasHeader: true,
  date: { column: 'date', format: 'YYYY-MM-DD' },
  amount: { column: 'amount' },
  decimalSeparator: '.',
  payee: 'payee',
  category: 'category',
};

/** A statement of January 2025: two identical coffees on one day, groceries, a salary. */
const january =
  'date,amount,payee,category\n' +
  '2025-01-03,-3.50,Coffee,Groceries\n' +
  '2025-01-03,-3.50,Coffee,Groceries\n' +
  '2025-01-10,-82.10,Market,Groceries\n' +
  '2025-01-31,2500.00,Employer,\n';
const januarySum = -350 - 350 - 8_210 + 250_000;
/** The next statement repeats the last two rows of January and adds February's. */
const januaryToFebruary =
  'date,amount,payee,category\n' +
  '2025-01-10,-82.10,Market,Groceries\n' +
  '2025-01-31,2500.00,Employer,\n' +
  '2025-02-03,-3.50,Coffee,Groceries\n' +
  '2025-02-28,2500.00,Employer,\n';

async function commit(user: HttpUser & { accountId: string }, csv: string) {
  return user.mutate<ImportResult>('imports.commit', { accountId: user.accountId, csv, mapping });
}

async function ledgerOf(user: HttpUser & { accountId: string }) {
  const account = await user.query<Account>('accounts.byId', { id: user.accountId });
  const [usd] = await user.query<CurrencySummary[]>('reports.summary', {
    from: '2025-01-01',
    to: '2025-12-31',
  });
  const [groceries] = await user.query<BudgetProgress[]>('budgets.progress', { on: '2025-01-15' });
  return {
    balance: account.balance,
    income: usd?.income ?? 0,
    expense: usd?.expense ?? 0,
    groceriesSpent: groceries?.spent ?? 0,
    rows: (await allTransactions<Transaction>(user)).length,
  };
}

async function withGroceriesBudget(label: string) {
  const user = await httpUserWithAccount(server.app, label, { openingBalance: 10_000 });
  const categories = await user.query<{ id: string; name: string }[]>('categories.list');
  const groceries = categories.find((category) => category.name === 'Groceries');
  if (groceries === undefined) throw new Error('a new user has a Groceries category');
  await user.mutate('budgets.create', {
    categoryId: groceries.id,
    amount: 40_000,
    period: 'monthly',
    startsOn: '2025-01-01',
  });
  return user;
}

describe('imports dedupe over HTTP', () => {
  it('identical rows in one file are all kept; the same file again writes nothing', async () => {
    const user = await withGroceriesBudget('dedupe-same');
    const first = await commit(user, january);
    expect(first).toMatchObject({ imported: 4, duplicates: 0, errors: 0 });
    expect(first.importId).toEqual(expect.any(String));
    const written = await allTransactions<Transaction>(user);
    expect(written.filter((row) => row.payee === 'Coffee')).toHaveLength(2);

    const preview = await user.mutate<ImportPreview>('imports.preview', {
      accountId: user.accountId,
      csv: january,
      mapping,
    });
    expect(preview.summary).toEqual({ total: 4, new: 0, duplicates: 4, errors: 0 });
    expect(preview.rows.map((row) => row.duplicateOf).sort()).toEqual(
      written.map((row) => row.id).sort(),
    );
    const before = await ledgerOf(user);
    expect(await commit(user, january)).toEqual({
      importId: null,
      imported: 0,
      duplicates: 4,
      errors: 0,
    });
    expect(await ledgerOf(user)).toEqual(before);
    expect(before).toEqual({
      balance: 10_000 + januarySum,
      income: 250_000,
      expense: 350 + 350 + 8_210,
      groceriesSpent: 350 + 350 + 8_210,
      rows: 4,
    });
  });

  it('an overlapping statement adds only its new rows', async () => {
    const user = await withGroceriesBudget('dedupe-overlap');
    await commit(user, january);
    const next = await commit(user, januaryToFebruary);
    expect(next).toMatchObject({ imported: 2, duplicates: 2, errors: 0 });
    const rows = await allTransactions<Transaction>(user);
    expect(rows.map((row) => [row.occurredOn, row.amount])).toEqual([
      ['2025-01-03', -350],
      ['2025-01-03', -350],
      ['2025-01-10', -8_210],
      ['2025-01-31', 250_000],
      ['2025-02-03', -350],
      ['2025-02-28', 250_000],
    ]);
    expect(rows.slice(4).every((row) => row.importId === next.importId)).toBe(true);
  });
});

describe('imports.undo over HTTP', () => {
  it('removes exactly its rows and puts balances, report totals and budget spending back', async () => {
    const user = await withGroceriesBudget('undo');
    const empty = await ledgerOf(user);
    const first = await commit(user, january);
    const afterFirst = await ledgerOf(user);
    const second = await commit(user, januaryToFebruary);
    // A transaction typed by hand stays whatever is undone.
    await user.mutate('transactions.create', {
      accountId: user.accountId,
      amount: -1_000,
      occurredOn: '2025-01-20',
      payee: 'By hand',
    });

    expect(await user.mutate('imports.undo', { importId: second.importId })).toEqual({
      removed: 2,
    });
    const afterUndo = await ledgerOf(user);
    expect(afterUndo).toEqual({
      ...afterFirst,
      balance: afterFirst.balance - 1_000,
      expense: afterFirst.expense + 1_000,
      rows: afterFirst.rows + 1,
    });
    expect(await user.mutate('imports.undo', { importId: first.importId })).toEqual({
      removed: 4,
    });
    expect(await ledgerOf(user)).toEqual({
      ...empty,
      balance: empty.balance - 1_000,
      expense: 1_000,
      rows: 1,
    });

    // Undone twice: NOT_FOUND. After an undo, the statement imports again as new.
    const again = await mutate(
      server.app,
      'imports.undo',
      { importId: first.importId },
      { token: user.token },
    );
    expect(again.statusCode).toBe(404);
    expect((await commit(user, january)).imported).toBe(4);
  });

  it("another user's import or account is NOT_FOUND, and nothing of the owner's changes", async () => {
    const owner = await withGroceriesBudget('undo-owner');
    const intruder = await httpUserWithAccount(server.app, 'undo-intruder');
    const { importId } = await commit(owner, january);
    const before = await ledgerOf(owner);
    for (const [path, input] of [
      ['imports.undo', { importId }],
      ['imports.commit', { accountId: owner.accountId, csv: januaryToFebruary, mapping }],
      ['imports.preview', { accountId: owner.accountId, csv: januaryToFebruary }],
    ] as const) {
      const response = await mutate(server.app, path, input, { token: intruder.token });
      expect(response.statusCode, path).toBe(404);
      expect(errorCodeOf(response)).toBe('NOT_FOUND');
    }
    const anonymous = await mutate(server.app, 'imports.undo', { importId });
    expect(anonymous.statusCode).toBe(401);
    expect(await ledgerOf(owner)).toEqual(before);
  });
});
