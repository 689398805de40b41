import type { Transaction } from '@budget/api';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { allTransactions, httpUserWithAccount, type HttpUser } from './testing/http-user.ts';
import { useTestServer } from './testing/index.ts';

const server = useTestServer();

const HEADER = 'date,account,category,payee,note,amount,currency,kind';

/** Strict RFC 4180 reading (csv-parse): a quoting mistake in the export throws here. */
function readCsv(text: string): string[][] {
  return parse(text, { record_delimiter: '\r\n' });
}

async function exportCsv(token: string | undefined, search: Record<string, string> = {}) {
  const query = new URLSearchParams(search).toString();
  return server.app.inject({
    method: 'GET',
    url: `/export/transactions.csv${query === '' ? '' : `?${query}`}`,
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });
}

/** The export's data rows, read back. */
async function exportedRows(user: HttpUser, search: Record<string, string> = {}) {
  const response = await exportCsv(user.token, search);
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(response.body.startsWith(`${HEADER}\r\n`)).toBe(true);
  const records = readCsv(response.body);
  expect(records[0]).toEqual(HEADER.split(','));
  return records.slice(1);
}

/** A user with a checking and a savings account and entries on both, written over HTTP. */
async function ledger(label: string) {
  const user = await httpUserWithAccount(server.app, label);
  const savings = await user.mutate<{ id: string }>('accounts.create', {
    name: 'Savings',
    type: 'savings',
  });
  const entry = (occurredOn: string, amount: number, payee: string, accountId = user.accountId) =>
    user.mutate<Transaction>('transactions.create', { accountId, amount, occurredOn, payee });
  await entry('2025-01-31', -100, 'Before the range');
  await entry('2025-02-01', -200, 'First day');
  await entry('2025-02-14', 300, 'Middle', savings.id);
  await entry('2025-02-28', -400, 'Last day');
  await entry('2025-03-01', -500, 'After the range');
  await user.mutate('transactions.transfer', {
    fromAccountId: user.accountId,
    toAccountId: savings.id,
    amount: 1_000,
    occurredOn: '2025-02-10',
  });
  return { user, savingsId: savings.id };
}

describe('GET /export/transactions.csv over HTTP', () => {
  it('from and to are inclusive; accountId narrows to one account; rows come oldest first', async () => {
    const { user, savingsId } = await ledger('export-filters');
    const all = await exportedRows(user);
    const dates = all.map((row) => row[0] ?? '');
    expect(dates).toEqual(dates.toSorted());
    // The two legs of the transfer share a date; ties are ordered by id, so by amount here.
    const key = (row: string[]) => `${row[0] ?? ''} ${row[5] ?? ''}`;
    const byDateAndAmount = all.toSorted((a, b) => (key(a) < key(b) ? -1 : 1));
    expect(byDateAndAmount.map((row) => [row[0], row[3], row[5], row[7]])).toEqual([
      ['2025-01-31', 'Before the range', '-1.00', 'expense'],
      ['2025-02-01', 'First day', '-2.00', 'expense'],
      ['2025-02-10', '', '-10.00', 'transfer'],
      ['2025-02-10', '', '10.00', 'transfer'],
      ['2025-02-14', 'Middle', '3.00', 'income'],
      ['2025-02-28', 'Last day', '-4.00', 'expense'],
      ['2025-03-01', 'After the range', '-5.00', 'expense'],
    ]);
    const february = await exportedRows(user, { from: '2025-02-01', to: '2025-02-28' });
    expect(february.map((row) => row[0])).toEqual([
      '2025-02-01',
      '2025-02-10',
      '2025-02-10',
      '2025-02-14',
      '2025-02-28',
    ]);
    const fromOnly = await exportedRows(user, { from: '2025-02-28' });
    expect(fromOnly.map((row) => row[3])).toEqual(['Last day', 'After the range']);
    const toOnly = await exportedRows(user, { to: '2025-01-31' });
    expect(toOnly.map((row) => row[3])).toEqual(['Before the range']);
    const savingsFebruary = await exportedRows(user, {
      accountId: savingsId,
      from: '2025-02-01',
      to: '2025-02-28',
    });
    expect(savingsFebruary.map((row) => [row[1], row[5], row[7]])).toEqual([
      ['Savings', '10.00', 'transfer'],
      ['Savings', '3.00', 'income'],
    ]);
    // Every row of the export is one transaction of the ledger, the same count as the API's.
    expect(all).toHaveLength((await allTransactions(user)).length);
  });

  it('quotes per RFC 4180 and neutralises every cell a spreadsheet would run as a formula', async () => {
    const user = await httpUserWithAccount(server.app, 'export-cells', { name: '-Minus account' });
    const payees = [
      '=SUM(A1:A9)',
      '+49 30 123',
      '-2+3',
      '@cmd',
      'Comma, Inc.',
      'Say "cheese"',
      'Plain',
    ];
    for (const [index, payee] of payees.entries()) {
      await user.mutate('transactions.create', {
        accountId: user.accountId,
        amount: -(index + 1),
        occurredOn: `2025-04-0${index + 1}`,
        payee,
        note: ['=1+1\r\nline two, "quoted"', '-see statement'][index],
      });
    }
    const response = await exportCsv(user.token);
    const rows = readCsv(response.body).slice(1);
    expect(rows.map((row) => row[3])).toEqual([
      "'=SUM(A1:A9)",
      "'+49 30 123",
      "'-2+3",
      "'@cmd",
      'Comma, Inc.',
      'Say "cheese"',
      'Plain',
    ]);
    expect(rows.every((row) => row[1] === "'-Minus account")).toBe(true);
    expect(rows.map((row) => row[4]).slice(0, 3)).toEqual([
      '\'=1+1\r\nline two, "quoted"',
      "'-see statement",
      '',
    ]);
    // Amounts are numbers, never prefixed, even when negative.
    expect(rows.map((row) => row[5])).toEqual(payees.map((_, index) => `-0.0${index + 1}`));
    expect(response.body).toContain(',"Comma, Inc.",');
    expect(response.body).toContain(',"Say ""cheese""",');
  });

  it("never includes another user's rows, also when asked for their account", async () => {
    const { user: owner } = await ledger('export-owner');
    const { user: other, savingsId: otherSavings } = await ledger('export-other');
    const mine = await exportedRows(owner);
    const theirAccount = await exportedRows(owner, { accountId: otherSavings });
    expect(theirAccount).toEqual([]);
    const ownIds = new Set((await allTransactions<Transaction>(owner)).map((row) => row.id));
    expect(mine).toHaveLength(ownIds.size);
    const response = await exportCsv(owner.token);
    expect(response.body).not.toContain(other.userId);
  });

  it('without a token, or with a bad one, is 401 in the JSON envelope and no CSV', async () => {
    const { user } = await ledger('export-401');
    for (const token of [undefined, 'not-a-token', `${user.token}x`]) {
      const response = await exportCsv(token);
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.json()).toMatchObject({
        error: { data: { code: 'UNAUTHORIZED', httpStatus: 401 } },
      });
      expect(response.body).not.toContain('First day');
    }
  });
});
