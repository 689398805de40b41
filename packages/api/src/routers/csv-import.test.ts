import { describe, expect, it } from 'vitest';
import type { CsvMapping } from '../schemas/imports.ts';
import { invalidFields, useTestApi } from '../testing/index.ts';

const api = useTestApi();

const germanBank =
  '\uFEFFBuchungstag;Empfänger;Verwendungszweck;Betrag\r\n' +
  '01.02.2024;REWE Markt;Einkauf;-1.234,56\r\n' +
  '02.02.2024;Arbeitgeber GmbH;Gehalt;2.500,00\r\n' +
  '03.02.2024;Bäcker;;-3,5\r\n';

describe('imports.preview: detection', () => {
  it('a bank export with a BOM, `;` and DD.MM.YYYY: detected, amounts exact, nothing written', async () => {
    const { caller, checking } = await api.signUpWithLedger('csv-de');
    const preview = await caller.imports.preview({ accountId: checking.id, csv: germanBank });
    expect(preview.mapping).toEqual({
      delimiter: ';',
      hasHeader: true,
      date: { column: 'Buchungstag', format: 'DD.MM.YYYY' },
      amount: { column: 'Betrag' },
      decimalSeparator: ',',
      payee: 'Empfänger',
      note: 'Verwendungszweck',
    });
    expect(preview.rows.map((row) => [row.line, row.occurredOn, row.amount, row.payee])).toEqual([
      [2, '2024-02-01', -123_456, 'REWE Markt'],
      [3, '2024-02-02', 250_000, 'Arbeitgeber GmbH'],
      [4, '2024-02-03', -350, 'Bäcker'],
    ]);
    expect(preview.summary).toEqual({ total: 3, new: 3, duplicates: 0, errors: 0 });
    expect((await caller.transactions.list({})).items).toHaveLength(0);
  });

  it('debit/credit columns, `1,234.56`, MM/DD/YYYY, quoted commas and newlines, categories by name', async () => {
    const { caller, checking, food, wages } = await api.signUpWithLedger('csv-us');
    const csv =
      'Date,Description,Debit,Credit,Category\n' +
      '12/31/2024,"Shop, Inc.","1,234.56",,food\n' +
      '01/15/2025,"Line one\nline two",,"2,000.00",Wages\n';
    const preview = await caller.imports.preview({ accountId: checking.id, csv });
    expect(preview.mapping).toMatchObject({
      delimiter: ',',
      date: { column: 'Date', format: 'MM/DD/YYYY' },
      amount: { debit: 'Debit', credit: 'Credit' },
      decimalSeparator: '.',
      payee: 'Description',
      category: 'Category',
    });
    expect(preview.rows).toMatchObject([
      {
        line: 2,
        occurredOn: '2024-12-31',
        amount: -123_456,
        payee: 'Shop, Inc.',
        categoryId: food.id,
      },
      {
        line: 3,
        occurredOn: '2025-01-15',
        amount: 200_000,
        payee: 'Line one line two',
        categoryId: wages.id,
      },
    ]);
  });

  it('a bad row is an error with its line and reason; the good rows still import', async () => {
    const { caller, checking } = await api.signUpWithLedger('csv-errors');
    const mapping: CsvMapping = {
      delimiter: ',',
      hasHeader: false,
      date: { column: 0, format: 'YYYY-MM-DD' },
      amount: { column: 1 },
      decimalSeparator: '.',
      payee: 2,
    };
    const csv =
      '2024-01-01,10.00,Good\n2024-02-30,5,Bad date\n2024-01-02,abc,Bad amount\n2024-01-03,0.001,Too precise\n2024-01-04,0,Zero\n';
    const { rows } = await caller.imports.preview({ accountId: checking.id, csv, mapping });
    expect(rows.map((row) => [row.line, row.error === null])).toEqual([
      [1, true],
      [2, false],
      [3, false],
      [4, false],
      [5, false],
    ]);
    expect(rows[1]?.error).toContain('2024-02-30');
    const result = await caller.imports.commit({ accountId: checking.id, csv, mapping });
    expect(result).toMatchObject({ imported: 1, duplicates: 0, errors: 4 });
    expect((await caller.accounts.byId({ id: checking.id })).balance).toBe(1_000);
  });
});

describe('imports.commit and undo', () => {
  it('re-import writes nothing; an overlapping statement adds only new rows; identical rows in one file are kept', async () => {
    const { caller, checking } = await api.signUpWithLedger('csv-dedupe');
    const mapping = (await caller.imports.preview({ accountId: checking.id, csv: germanBank }))
      .mapping;
    const twins = germanBank + '03.02.2024;Bäcker;;-3,5\r\n';
    const first = await caller.imports.commit({ accountId: checking.id, csv: twins, mapping });
    expect(first).toMatchObject({ imported: 4, duplicates: 0, errors: 0 });
    const again = await caller.imports.commit({ accountId: checking.id, csv: twins, mapping });
    expect(again).toEqual({ importId: null, imported: 0, duplicates: 4, errors: 0 });
    const overlapping = twins + '04.02.2024;Kino;;-12,00\r\n';
    const preview = await caller.imports.preview({
      accountId: checking.id,
      csv: overlapping,
      mapping,
    });
    expect(preview.summary).toEqual({ total: 5, new: 1, duplicates: 4, errors: 0 });
    expect(preview.rows[0]?.duplicateOf).not.toBeNull();
    const third = await caller.imports.commit({
      accountId: checking.id,
      csv: overlapping,
      mapping,
    });
    expect(third).toMatchObject({ imported: 1, duplicates: 4 });
    expect((await caller.accounts.byId({ id: checking.id })).balance).toBe(
      -123_456 + 250_000 - 350 - 350 - 1_200,
    );

    expect(await caller.imports.undo({ importId: first.importId ?? '' })).toEqual({ removed: 4 });
    expect((await caller.accounts.byId({ id: checking.id })).balance).toBe(-1_200);
    const [eur] = await caller.reports.summary({ from: '2024-01-01', to: '2024-12-31' });
    expect(eur).toMatchObject({ income: 0, expense: 1_200 });
    await expect(caller.imports.undo({ importId: first.importId ?? '' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('the same idempotencyKey returns the first result', async () => {
    const { caller, checking } = await api.signUpWithLedger('csv-idem');
    const mapping = (await caller.imports.preview({ accountId: checking.id, csv: germanBank }))
      .mapping;
    const input = { accountId: checking.id, csv: germanBank, mapping, idempotencyKey: 'stmt-1' };
    const first = await caller.imports.commit(input);
    expect(await caller.imports.commit(input)).toEqual(first);
  });

  it('a 20 000-row file commits in one transaction', async () => {
    const { caller, checking } = await api.signUpWithLedger('csv-big');
    const lines = ['date,amount,payee'];
    for (let row = 0; row < 20_000; row += 1) {
      const day = String((row % 28) + 1).padStart(2, '0');
      lines.push(
        `2024-${String((row % 12) + 1).padStart(2, '0')}-${day},-${row % 500}.${String(row % 100).padStart(2, '0')},Shop ${row}`,
      );
    }
    const csv = lines.join('\n');
    const mapping = (await caller.imports.preview({ accountId: checking.id, csv })).mapping;
    const started = performance.now();
    const result = await caller.imports.commit({ accountId: checking.id, csv, mapping });
    const took = performance.now() - started;
    console.log(`imports.commit of 20 000 rows (${csv.length} bytes): ${took.toFixed(0)} ms`);
    expect(result.errors).toBe(40); // every 500th row has the amount 0.00
    expect(result.imported).toBe(19_960);
  }, 120_000);

  it('hostile input: malformed, binary or a 2 MiB single line is a clean BAD_REQUEST', async () => {
    const { caller, checking } = await api.signUpWithLedger('csv-hostile');
    const mapping: CsvMapping = {
      delimiter: ',',
      hasHeader: false,
      date: { column: 0, format: 'YYYY-MM-DD' },
      amount: { column: 1 },
      decimalSeparator: '.',
    };
    for (const csv of [
      '2024-01-01,"5\n2024-01-02,6',
      'x'.repeat(2 * 1024 * 1024),
      '\u0000\u0001\u0002binary',
    ]) {
      await expect(
        caller.imports.preview({ accountId: checking.id, csv, mapping }),
      ).rejects.toMatchObject({
        code: 'BAD_REQUEST',
      });
      await expect(caller.imports.preview({ accountId: checking.id, csv })).rejects.toMatchObject({
        code: 'BAD_REQUEST',
      });
    }
    expect(
      await invalidFields(
        caller.imports.preview({ accountId: checking.id, csv: 'x'.repeat(2 * 1024 * 1024 + 1) }),
      ),
    ).toEqual(['csv']);
  });

  it("needs a token; another user's account or import is not found", async () => {
    const owner = await api.signUpWithLedger('csv-owner');
    const intruder = await api.signUpWithLedger('csv-intruder');
    const mapping = (
      await owner.caller.imports.preview({ accountId: owner.checking.id, csv: germanBank })
    ).mapping;
    const { importId } = await owner.caller.imports.commit({
      accountId: owner.checking.id,
      csv: germanBank,
      mapping,
    });
    await expect(
      api.anonymous().imports.preview({ accountId: owner.checking.id, csv: germanBank }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(
      intruder.caller.imports.preview({ accountId: owner.checking.id, csv: germanBank }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      intruder.caller.imports.commit({ accountId: owner.checking.id, csv: germanBank, mapping }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(intruder.caller.imports.undo({ importId: importId ?? '' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await owner.caller.accounts.byId({ id: owner.checking.id })).balance).toBe(126_194);
  });
});
