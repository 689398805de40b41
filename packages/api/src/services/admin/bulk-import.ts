import { sql } from 'kysely';
import type { Actor } from '../../actor.ts';
import { badRequest, notFound } from '../../errors.ts';
import { MAX_AMOUNT } from '../../schemas/common.ts';
import type { Trx } from '@budget/db';
import { rebuildLedgerTotals } from '../ledger/ledger-changes.ts';

/** One ledger row to load. A transfer is two rows with one `transferId`: −amount and +amount. */
export interface ImportedTransaction {
  accountId: string;
  categoryId: string | null;
  amount: number;
  occurredOn: string;
  payee: string | null;
  note: string | null;
  transferId: string | null;
}

export interface ImportOptions {
  /** Called after each batch is written, with the number of rows written so far. */
  onProgress?: (inserted: number) => void;
}

interface OwnLedger {
  accounts: ReadonlyMap<string, { currency: string; archived: boolean }>;
  categories: ReadonlySet<string>;
}

/** A batch as one array per column: one INSERT … SELECT FROM unnest(…) writes it. */
interface ColumnBatch {
  accountId: string[];
  currency: string[];
  categoryId: (string | null)[];
  amount: number[];
  occurredOn: string[];
  payee: (string | null)[];
  note: (string | null)[];
  transferId: (string | null)[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Loads at least this large refresh the planner's statistics of the transactions table. */
const ANALYZE_AFTER = 10_000;
const ignore = (): void => undefined;

/**
 * Loads many transactions for one owner in one database transaction: each batch is one multi-row
 * insert, and the next batch is prepared while the database writes the previous one. Rows obey
 * the rules single writes obey — the owner's open account (its currency), the owner's category,
 * a non-zero amount within ±1e12, transfers in balanced pairs across two accounts without a
 * category — and account balances and the daily and monthly totals are recomputed from the
 * ledger at the end, so balance = opening balance + sum of the account's transactions.
 */
export async function importTransactions(
  actor: Actor,
  batches: AsyncIterable<readonly ImportedTransaction[]> | Iterable<readonly ImportedTransaction[]>,
  options: ImportOptions = {},
): Promise<{ inserted: number }> {
  const ownerId = actor.user.id;
  return actor.db.transaction().execute(async (trx) => {
    const ledger = await lockLedger(trx, ownerId);
    let inserted = 0;
    let writing: Promise<number> = Promise.resolve(0);
    for await (const batch of batches) {
      const columns = toColumns(ledger, batch);
      inserted += await writing;
      options.onProgress?.(inserted);
      writing = insertBatch(trx, ownerId, columns);
      // Awaited on the next turn; until then a failure must not count as unhandled.
      writing.catch(ignore);
    }
    inserted += await writing;
    options.onProgress?.(inserted);
    await assertTransfersPaired(trx, ownerId);
    await recomputeBalances(trx, ownerId);
    await rebuildLedgerTotals(trx, ownerId);
    // Fresh statistics, or the planner keeps treating a table that grew by a million rows as
    // small (seconds per page of a keyset walk instead of milliseconds) until autovacuum runs.
    if (inserted >= ANALYZE_AFTER) await sql`analyze transactions`.execute(trx);
    return { inserted };
  });
}

/** Locks the owner's accounts (in id order, as every ledger write does); reads their categories. */
async function lockLedger(trx: Trx, ownerId: string): Promise<OwnLedger> {
  const accounts = await trx
    .selectFrom('accounts')
    .select(['id', 'currency', 'archivedAt'])
    .where('ownerId', '=', ownerId)
    .orderBy('id')
    .forNoKeyUpdate()
    .execute();
  const categories = await trx
    .selectFrom('categories')
    .select('id')
    .where('ownerId', '=', ownerId)
    .execute();
  return {
    accounts: new Map(
      accounts.map((account) => [
        account.id,
        { currency: account.currency, archived: account.archivedAt !== null },
      ]),
    ),
    categories: new Set(categories.map((category) => category.id)),
  };
}

function toColumns(ledger: OwnLedger, batch: readonly ImportedTransaction[]): ColumnBatch {
  const columns: ColumnBatch = {
    accountId: [],
    currency: [],
    categoryId: [],
    amount: [],
    occurredOn: [],
    payee: [],
    note: [],
    transferId: [],
  };
  for (const row of batch) {
    const account = ledger.accounts.get(row.accountId);
    if (account === undefined) throw notFound('Account');
    if (account.archived) throw badRequest('The account is archived; unarchive it first');
    if (row.categoryId !== null && !ledger.categories.has(row.categoryId)) {
      throw notFound('Category');
    }
    if (
      !Number.isSafeInteger(row.amount) ||
      row.amount === 0 ||
      Math.abs(row.amount) > MAX_AMOUNT
    ) {
      throw badRequest(`amount must be a non-zero integer within ±1e12, got ${row.amount}`);
    }
    if (!DATE.test(row.occurredOn)) throw badRequest(`not a date: ${row.occurredOn}`);
    if (row.transferId !== null && row.categoryId !== null) {
      throw badRequest('Transfers have no category');
    }
    columns.accountId.push(row.accountId);
    columns.currency.push(account.currency);
    columns.categoryId.push(row.categoryId);
    columns.amount.push(row.amount);
    columns.occurredOn.push(row.occurredOn);
    columns.payee.push(row.payee);
    columns.note.push(row.note);
    columns.transferId.push(row.transferId);
  }
  return columns;
}

async function insertBatch(trx: Trx, ownerId: string, columns: ColumnBatch): Promise<number> {
  if (columns.amount.length === 0) return 0;
  const result = await trx
    .insertInto('transactions')
    .columns([
      'ownerId',
      'accountId',
      'currency',
      'categoryId',
      'amount',
      'occurredOn',
      'payee',
      'note',
      'transferId',
    ])
    .expression(
      sql`select ${ownerId}::uuid, * from unnest(
        ${columns.accountId}::uuid[], ${columns.currency}::char(3)[], ${columns.categoryId}::uuid[],
        ${columns.amount}::bigint[], ${columns.occurredOn}::date[], ${columns.payee}::text[],
        ${columns.note}::text[], ${columns.transferId}::uuid[])`,
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n);
}

/** Every transfer of the owner is two rows in two accounts of one currency that cancel out. */
async function assertTransfersPaired(trx: Trx, ownerId: string): Promise<void> {
  const broken = await trx
    .selectFrom('transactions')
    .select('transferId')
    .where('ownerId', '=', ownerId)
    .where('transferId', 'is not', null)
    .groupBy('transferId')
    .having((eb) =>
      eb.or([
        eb(eb.fn.countAll(), '<>', 2),
        eb(eb.fn.sum('amount'), '<>', 0),
        eb(eb.fn.count('accountId').distinct(), '<>', 2),
        eb(eb.fn.count('currency').distinct(), '<>', 1),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  if (broken !== undefined) {
    throw badRequest(
      `Transfer ${broken.transferId ?? ''} is not a pair of opposite amounts in two accounts of one currency`,
    );
  }
}

/** The ledger invariant after a bulk load: balance = opening balance + sum of its transactions. */
async function recomputeBalances(trx: Trx, ownerId: string): Promise<void> {
  await trx
    .updateTable('accounts')
    .set({
      balance: sql`opening_balance + coalesce((
        select sum(t.amount) from transactions t
        where t.owner_id = accounts.owner_id and t.account_id = accounts.id), 0)`,
    })
    .where('ownerId', '=', ownerId)
    .execute();
}
