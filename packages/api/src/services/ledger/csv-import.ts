import { createHash } from 'node:crypto';
import type { Db, Trx } from '@budget/db';
import type { Actor } from '../../actor.ts';
import { badRequest, notFound } from '../../errors.ts';
import type {
  CommitImportInput,
  CsvColumn,
  CsvMapping,
  ImportPreview,
  ImportRecord,
  ImportResult,
  ImportRow,
  PreviewImportInput,
} from '../../schemas/imports.ts';
import { noteSchema, payeeSchema } from '../../schemas/transactions.ts';
import { minorUnitDigits } from './currency-digits.ts';
import { detectMapping } from './csv-mapping.ts';
import { parseCsv, type CsvRecord } from './csv-records.ts';
import { parseCsvAmount, parseCsvDate } from './csv-values.ts';
import { runIdempotent } from './idempotency.ts';
import { removeEntries, writeEntries } from './transactions.ts';
import { transactionColumns } from './transaction-rows.ts';

/** A row of the file as it would be written, with the fingerprint that dedupes it. */
interface ReadRow extends ImportRow {
  importKey: string | null;
}

const LOOKUP_CHUNK = 5_000;

async function accountCurrency(db: Db | Trx, ownerId: string, accountId: string): Promise<string> {
  const account = await db
    .selectFrom('accounts')
    .select('currency')
    .where('ownerId', '=', ownerId)
    .where('id', '=', accountId)
    .executeTakeFirst();
  if (account === undefined) throw notFound('Account');
  return account.currency;
}

function columnIndex(
  mapping: CsvMapping,
  header: readonly string[],
  column: CsvColumn,
  field: string,
) {
  if (typeof column === 'number') return column;
  if (!mapping.hasHeader)
    throw badRequest(`mapping.${field}: name columns by number when there is no header`);
  const wanted = column.trim().toLowerCase();
  const index = header.findIndex((title) => title.trim().toLowerCase() === wanted);
  if (index === -1)
    throw badRequest(`mapping.${field}: the header has no column named '${column}'`);
  return index;
}

/** Reads every data row of the file: each one a new entry or an error naming its line. */
async function readRows(
  actor: Actor,
  accountId: string,
  csv: string,
  mapping: CsvMapping,
  currency: string,
): Promise<ReadRow[]> {
  const records = parseCsv(csv, mapping.delimiter);
  const header = mapping.hasHeader ? (records[0]?.cells ?? []) : [];
  const data = mapping.hasHeader ? records.slice(1) : records;
  const at = (column: CsvColumn | undefined, field: string) =>
    column === undefined ? undefined : columnIndex(mapping, header, column, field);
  const dateAt = columnIndex(mapping, header, mapping.date.column, 'date.column');
  const amountAt =
    'column' in mapping.amount
      ? { column: columnIndex(mapping, header, mapping.amount.column, 'amount.column') }
      : {
          debit: columnIndex(mapping, header, mapping.amount.debit, 'amount.debit'),
          credit: columnIndex(mapping, header, mapping.amount.credit, 'amount.credit'),
        };
  const payeeAt = at(mapping.payee, 'payee');
  const noteAt = at(mapping.note, 'note');
  const categoryAt = at(mapping.category, 'category');
  const digits = minorUnitDigits(currency);
  const categories = await categoriesByName(actor);
  const seen = new Map<string, number>();

  const read = (record: CsvRecord): ReadRow => {
    const row: ReadRow = {
      line: record.line,
      occurredOn: null,
      amount: null,
      payee: null,
      note: null,
      categoryId: null,
      duplicateOf: null,
      error: null,
      importKey: null,
    };
    const cell = (index: number | undefined) =>
      index === undefined ? '' : (record.cells[index] ?? '').trim();
    const fail = (error: string): ReadRow => ({ ...row, error });

    const dateCell = cell(dateAt);
    const occurredOn = parseCsvDate(dateCell, mapping.date.format);
    if (occurredOn === null) {
      return fail(
        `date '${dateCell.slice(0, 40)}' is not a ${mapping.date.format} date between 1900 and 2999`,
      );
    }
    let amount: number | string;
    if ('column' in amountAt) {
      amount = parseCsvAmount(cell(amountAt.column), mapping.decimalSeparator, digits);
    } else {
      const debit = cell(amountAt.debit);
      const credit = cell(amountAt.credit);
      if ((debit === '') === (credit === '')) {
        return fail('exactly one of the debit and credit cells must hold an amount');
      }
      amount = parseCsvAmount(debit || credit, mapping.decimalSeparator, digits);
      if (typeof amount === 'number') amount = debit === '' ? Math.abs(amount) : -Math.abs(amount);
    }
    if (typeof amount === 'string') return fail(amount);
    if (amount === 0) return fail('the amount is 0');

    // A payee is one line: a bank's multi-line description is joined with spaces.
    // The same rules as a payee and note typed into transactions.create.
    const payeeText = payeeSchema.safeParse(cell(payeeAt).replace(/\s*[\r\n]+\s*/g, ' '));
    if (!payeeText.success) return fail(`payee: ${payeeText.error.issues[0]?.message ?? ''}`);
    const noteText = noteSchema.safeParse(cell(noteAt));
    if (!noteText.success) return fail(`note: ${noteText.error.issues[0]?.message ?? ''}`);
    const payee = payeeText.data ?? '';
    const note = noteText.data ?? '';
    const categoryName = cell(categoryAt).toLowerCase();
    const kind = amount > 0 ? 'income' : 'expense';
    const categoryId =
      categoryName === ''
        ? null
        : (categories.get(`${kind}|${categoryName}`) ??
          categories.get(`any|${categoryName}`) ??
          null);

    const fingerprint = createHash('sha256')
      .update(`${occurredOn}|${amount}|${payee.toLowerCase()}`)
      .digest('base64url');
    const occurrence = (seen.get(fingerprint) ?? 0) + 1;
    seen.set(fingerprint, occurrence);
    return {
      ...row,
      occurredOn,
      amount,
      payee: payee === '' ? null : payee,
      note: note === '' ? null : note,
      categoryId,
      importKey: `${fingerprint}:${occurrence}`,
    };
  };

  const rows = data.map(read);
  await markDuplicates(actor.db, actor.user.id, accountId, rows);
  return rows;
}

async function categoriesByName(actor: Actor): Promise<Map<string, string>> {
  const rows = await actor.db
    .selectFrom('categories')
    .select(['id', 'name', 'kind'])
    .where('ownerId', '=', actor.user.id)
    .orderBy('archivedAt', 'desc')
    .execute();
  const byName = new Map<string, string>();
  for (const row of rows) {
    byName.set(`${row.kind}|${row.name.toLowerCase()}`, row.id);
    byName.set(`any|${row.name.toLowerCase()}`, row.id);
  }
  return byName;
}

/** Sets duplicateOf on rows whose fingerprint the account already holds from an earlier import. */
async function markDuplicates(db: Db | Trx, ownerId: string, accountId: string, rows: ReadRow[]) {
  const keyed = rows.filter((row) => row.importKey !== null);
  for (let start = 0; start < keyed.length; start += LOOKUP_CHUNK) {
    const chunk = keyed.slice(start, start + LOOKUP_CHUNK);
    const existing = await db
      .selectFrom('transactions')
      .select(['id', 'importKey'])
      .where('ownerId', '=', ownerId)
      .where('accountId', '=', accountId)
      .where(
        'importKey',
        'in',
        chunk.map((row) => row.importKey ?? ''),
      )
      .execute();
    const byKey = new Map(existing.map((row) => [row.importKey, row.id]));
    for (const row of chunk) row.duplicateOf = byKey.get(row.importKey) ?? null;
  }
}

function summarize(rows: readonly ReadRow[]) {
  const errors = rows.filter((row) => row.error !== null).length;
  const duplicates = rows.filter((row) => row.duplicateOf !== null).length;
  return { total: rows.length, new: rows.length - errors - duplicates, duplicates, errors };
}

/** What importing the file would do, row by row; nothing is written. */
export async function preview(actor: Actor, input: PreviewImportInput): Promise<ImportPreview> {
  const currency = await accountCurrency(actor.db, actor.user.id, input.accountId);
  const mapping = input.mapping ?? detectMapping(input.csv);
  const rows = await readRows(actor, input.accountId, input.csv, mapping, currency);
  return {
    mapping,
    rows: rows.map(({ importKey: _importKey, ...row }) => row),
    summary: summarize(rows),
  };
}

/**
 * Writes the file's valid new rows in one database transaction. A row whose fingerprint the
 * account already holds is a duplicate, also when a concurrent import wrote it first.
 */
export async function commit(actor: Actor, input: CommitImportInput): Promise<ImportResult> {
  const ownerId = actor.user.id;
  const { idempotencyKey, ...request } = input;
  const currency = await accountCurrency(actor.db, ownerId, input.accountId);
  const rows = await readRows(actor, input.accountId, input.csv, input.mapping, currency);
  const { errors } = summarize(rows);
  const fresh = rows.filter((row) => row.error === null && row.duplicateOf === null);
  return runIdempotent(
    actor.db,
    ownerId,
    idempotencyKey,
    'imports.commit',
    request,
    async (trx) => {
      if (fresh.length === 0) {
        return { importId: null, imported: 0, duplicates: rows.length - errors, errors };
      }
      const { id: importId } = await trx
        .insertInto('imports')
        .values({ ownerId, accountId: input.accountId, imported: 0, duplicates: 0, errors })
        .returning('id')
        .executeTakeFirstOrThrow();
      const written = await writeEntries(
        trx,
        ownerId,
        fresh.map((row) => ({
          accountId: input.accountId,
          categoryId: row.categoryId,
          amount: row.amount ?? 0,
          occurredOn: row.occurredOn ?? '',
          payee: row.payee,
          note: row.note,
          importId,
          importKey: row.importKey ?? '',
        })),
      );
      const duplicates = rows.length - errors - written.length;
      if (written.length === 0) {
        await trx
          .deleteFrom('imports')
          .where('ownerId', '=', ownerId)
          .where('id', '=', importId)
          .execute();
        return { importId: null, imported: 0, duplicates, errors };
      }
      await trx
        .updateTable('imports')
        .set({ imported: written.length, duplicates })
        .where('ownerId', '=', ownerId)
        .where('id', '=', importId)
        .execute();
      return { importId, imported: written.length, duplicates, errors };
    },
  );
}

/** Removes exactly the rows an import wrote (as they are now), balances and totals put back. */
export async function undo(
  actor: Actor,
  { importId }: { importId: string },
): Promise<{ removed: number }> {
  const ownerId = actor.user.id;
  return actor.db.transaction().execute(async (trx) => {
    const found = await trx
      .deleteFrom('imports')
      .where('ownerId', '=', ownerId)
      .where('id', '=', importId)
      .returning('id')
      .executeTakeFirst();
    if (found === undefined) throw notFound('Import');
    const rows = await trx
      .selectFrom('transactions')
      .select(transactionColumns)
      .where('transactions.ownerId', '=', ownerId)
      .where('transactions.importId', '=', importId)
      .orderBy('transactions.id')
      .forUpdate()
      .execute();
    await removeEntries(trx, ownerId, rows);
    return { removed: rows.length };
  });
}

/** The caller's imports not undone, oldest first: the account each wrote to and its counts. */
export async function list(actor: Actor): Promise<ImportRecord[]> {
  const rows = await actor.db
    .selectFrom('imports')
    .select(['id', 'accountId', 'imported', 'duplicates', 'errors', 'createdAt'])
    .where('ownerId', '=', actor.user.id)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
}
