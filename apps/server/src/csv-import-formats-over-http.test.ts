import type { Account, CsvMapping, ImportPreview, ImportResult, Transaction } from '@budget/api';
import { describe, expect, it } from 'vitest';
import { allTransactions, httpUserWithAccount } from './testing/http-user.ts';
import { useTestServer } from './testing/index.ts';

const server = useTestServer();

/** Previews without a mapping (the server detects it), then commits with what it detected. */
async function detectAndCommit(user: Awaited<ReturnType<typeof httpUserWithAccount>>, csv: string) {
  const preview = await user.mutate<ImportPreview>('imports.preview', {
    accountId: user.accountId,
    csv,
  });
  const result = await user.mutate<ImportResult>('imports.commit', {
    accountId: user.accountId,
    csv,
    mapping: preview.mapping,
  });
  return { preview, result };
}

describe('imports over HTTP: bank formats are detected and money parsed exactly', () => {
  it('a European export: BOM, `;`, DD.MM.YYYY and `1.234,56`', async () => {
    const user = await httpUserWithAccount(server.app, 'csv-eu', {
      currency: 'EUR',
      openingBalance: 100_000,
    });
    const csv =
      '\uFEFFBuchungstag;Empfänger;Verwendungszweck;Betrag\r\n' +
      '01.02.2024;REWE Markt;Einkauf;-1.234,56\r\n' +
      '29.02.2024;Arbeitgeber GmbH;Gehalt Februar;12.500,00\r\n' +
      '03.03.2024;Bäcker;;-0,05\r\n';
    const { preview, result } = await detectAndCommit(user, csv);
    expect(preview.mapping).toEqual<CsvMapping>({
      delimiter: ';',
      hasHeader: true,
      date: { column: 'Buchungstag', format: 'DD.MM.YYYY' },
      amount: { column: 'Betrag' },
      decimalSeparator: ',',
      payee: 'Empfänger',
      note: 'Verwendungszweck',
    });
    expect(result).toMatchObject({ imported: 3, duplicates: 0, errors: 0 });
    const written = await allTransactions<Transaction>(user);
    expect(
      written.map((row) => [row.occurredOn, row.amount, row.currency, row.payee, row.note]),
    ).toEqual([
      ['2024-02-01', -123_456, 'EUR', 'REWE Markt', 'Einkauf'],
      ['2024-02-29', 1_250_000, 'EUR', 'Arbeitgeber GmbH', 'Gehalt Februar'],
      ['2024-03-03', -5, 'EUR', 'Bäcker', null],
    ]);
    expect(written.every((row) => row.importId === result.importId)).toBe(true);
    const account = await user.query<Account>('accounts.byId', { id: user.accountId });
    expect(account.balance).toBe(100_000 - 123_456 + 1_250_000 - 5);
  });

  it('debit and credit columns, MM/DD/YYYY and `1,234.56`, with categories matched by name', async () => {
    const user = await httpUserWithAccount(server.app, 'csv-us');
    const categories =
      await user.query<{ id: string; name: string; kind: string }[]>('categories.list');
    const csv =
      'Date,Description,Debit,Credit,Category\n' +
      `12/31/2024,Hardware store,"1,234.56",,${categories.find((c) => c.kind === 'expense')?.name ?? ''}\n` +
      `01/15/2025,Payroll,,"2,000.00",${(categories.find((c) => c.kind === 'income')?.name ?? '').toUpperCase()}\n` +
      '01/16/2025,Unknown category,7.00,,No such category\n';
    const { preview, result } = await detectAndCommit(user, csv);
    expect(preview.mapping).toMatchObject({
      delimiter: ',',
      date: { column: 'Date', format: 'MM/DD/YYYY' },
      amount: { debit: 'Debit', credit: 'Credit' },
      decimalSeparator: '.',
      category: 'Category',
    });
    expect(result.imported).toBe(3);
    const written = await allTransactions<Transaction>(user);
    expect(written.map((row) => [row.occurredOn, row.amount, row.kind, row.categoryId])).toEqual([
      ['2024-12-31', -123_456, 'expense', categories.find((c) => c.kind === 'expense')?.id],
      ['2025-01-15', 200_000, 'income', categories.find((c) => c.kind === 'income')?.id],
      ['2025-01-16', -700, 'expense', null],
    ]);
  });

  it('quoted fields hold the delimiter, doubled quotes and newlines', async () => {
    const user = await httpUserWithAccount(server.app, 'csv-quoted');
    const csv =
      'date,amount,payee,note\n' +
      '2025-03-01,-12.50,"Shop, Inc.","said ""hi"", then left"\n' +
      '2025-03-02,-1.00,"Two\nline payee","note line one\nnote line two"\n' +
      '2025-03-03,3.00,Plain,\n';
    const { preview, result } = await detectAndCommit(user, csv);
    // A row spanning lines is numbered by the line it starts on.
    expect(preview.rows.map((row) => row.line)).toEqual([2, 3, 6]);
    expect(result).toMatchObject({ imported: 3, errors: 0 });
    const written = await allTransactions<Transaction>(user);
    expect(written.map((row) => [row.amount, row.payee, row.note])).toEqual([
      [-1_250, 'Shop, Inc.', 'said "hi", then left'],
      [-100, 'Two line payee', 'note line one\nnote line two'],
      [300, 'Plain', null],
    ]);
  });

  it('a bad row is reported with its line; the good rows are written', async () => {
    const user = await httpUserWithAccount(server.app, 'csv-row-errors');
    const csv =
      'date,amount,payee\n2025-01-01,1.00,Good\n2025-02-30,2.00,Bad date\n2025-01-02,0.001,Too precise\n';
    const { preview, result } = await detectAndCommit(user, csv);
    expect(preview.summary).toEqual({ total: 3, new: 1, duplicates: 0, errors: 2 });
    expect(preview.rows.filter((row) => row.error !== null).map((row) => row.line)).toEqual([3, 4]);
    expect(result).toMatchObject({ imported: 1, errors: 2 });
    expect(await allTransactions<Transaction>(user)).toHaveLength(1);
  });
});
