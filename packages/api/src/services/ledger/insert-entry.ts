import { sql } from 'kysely';
import {
  awaitDurableCommits,
  commitsAsynchronously,
  PrecompiledQueries,
  UNCATEGORIZED_KEY,
  type Db,
  type Slots,
  type Trx,
} from '@budget/db';
import { badRequest, notFound } from '../../errors.ts';
import type { AccessTokenClaims } from '../auth/access-tokens.ts';
import { assertLiveSession, whileSessionLive } from '../auth/live-session.ts';
import { transactionColumns, type TransactionRecord } from './transaction-rows.ts';

export interface OneEntry {
  accountId: string;
  categoryId: string | null;
  amount: number;
  occurredOn: string;
  payee: string | null;
  note: string | null;
}

const monthStart = sql<string>`date_trunc('month', inserted.occurred_on::timestamp)::date`;
const categoryKey = sql<string>`coalesce(inserted.category_id, ${UNCATEGORIZED_KEY}::uuid)`;
const inflow = sql<number>`greatest(inserted.amount, 0)`;
const outflow = sql<number>`least(inserted.amount, 0)`;
const inflowEntries = sql<number>`(inserted.amount > 0)::int`;
const outflowEntries = sql<number>`(inserted.amount < 0)::int`;

/** An upsert's SET: the stored sums plus the proposed row's. */
const addExcluded = (table: 'ledger_daily_totals' | 'ledger_monthly_totals') => ({
  inflow: sql<number>`${sql.table(table)}.inflow + excluded.inflow`,
  outflow: sql<number>`${sql.table(table)}.outflow + excluded.outflow`,
  inflowEntries: sql<number>`${sql.table(table)}.inflow_entries + excluded.inflow_entries`,
  outflowEntries: sql<number>`${sql.table(table)}.outflow_entries + excluded.outflow_entries`,
});

/**
 * `transactions.create`'s write as one statement: it checks the session (when given), locks the
 * account, key-share locks the category, inserts the row and moves the balance, the money-moved
 * bound and the daily and monthly totals with it. Outside a transaction it commits
 * asynchronously and answers once the commit is on disk (commit-barrier.ts): the account's row
 * lock lasts one statement, not a round trip per step plus an fsync, so writers to one account
 * queue briefly. The same rules as `writeEntries` (ledger-changes.ts keeps the general case); the
 * ledger property tests hold both to them.
 */
export async function insertEntry(
  owner: { db: Db | Trx; userId: string; session: AccessTokenClaims | null },
  entry: OneEntry,
): Promise<TransactionRecord> {
  const { db, userId, session } = owner;
  const shape = {
    session: session !== null,
    categorized: entry.categoryId !== null,
    // Inside a caller's transaction the commit, and the wait for it, are the caller's.
    asynchronous: !db.isTransaction,
  };
  const values = { ...entry, ownerId: userId, loginId: session?.loginId ?? '' };
  const [inserted] = await insertions.execute(db, JSON.stringify(shape), values, (slots) =>
    insertStatement(db, slots, shape),
  );
  if (inserted !== undefined) {
    if (shape.asynchronous) await awaitDurableCommits(db);
    return inserted;
  }
  if (session !== null) await assertLiveSession(db, session);
  throw await whyNotInserted(db, userId, entry.accountId);
}

interface EntryValues extends OneEntry {
  ownerId: string;
  loginId: string;
}

const insertions = new PrecompiledQueries<EntryValues, TransactionRecord>();

function insertStatement(
  db: Db | Trx,
  slots: Slots<EntryValues>,
  shape: { session: boolean; categorized: boolean; asynchronous: boolean },
) {
  const { ownerId, categoryId } = slots;
  return db
    .with('account', (q) =>
      q
        .selectFrom('accounts')
        .select(['id', 'currency', 'archivedAt'])
        .where('ownerId', '=', ownerId)
        .where('id', '=', slots.accountId)
        .$if(shape.asynchronous, (account) => account.where(commitsAsynchronously))
        .$if(shape.session, (account) =>
          account.where(whileSessionLive(db, { userId: ownerId, loginId: slots.loginId })),
        )
        .forNoKeyUpdate(),
    )
    .with('category', (q) =>
      q
        .selectFrom('categories')
        .select('id')
        .where('ownerId', '=', ownerId)
        .where('id', '=', shape.categorized ? categoryId : UNCATEGORIZED_KEY)
        .forKeyShare(),
    )
    .with('inserted', (q) =>
      q
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
        ])
        .expression((eb) =>
          eb
            .selectFrom('account')
            .select([
              sql.val(ownerId).as('ownerId'),
              'account.id',
              'account.currency',
              sql.val(categoryId).as('categoryId'),
              sql.val(slots.amount).as('amount'),
              sql.val(slots.occurredOn).as('occurredOn'),
              sql.val(slots.payee).as('payee'),
              sql.val(slots.note).as('note'),
            ])
            .where('account.archivedAt', 'is', null)
            .$if(shape.categorized, (row) =>
              row.where((where) =>
                where.exists(where.selectFrom('category').select('category.id')),
              ),
            ),
        )
        .returning(transactionColumns),
    )
    .with('balance', (q) =>
      q
        .updateTable('accounts')
        .from('inserted')
        .set({ balance: sql`accounts.balance + inserted.amount` })
        .where('accounts.ownerId', '=', ownerId)
        .whereRef('accounts.id', '=', 'inserted.accountId')
        .returning('accounts.id'),
    )
    .with('gross', (q) =>
      q
        .insertInto('ledgerCurrencyTotals')
        .columns(['ownerId', 'currency', 'gross'])
        .expression((eb) =>
          eb
            .selectFrom('inserted')
            .select([
              sql.val(ownerId).as('ownerId'),
              'inserted.currency',
              sql<number>`abs(inserted.amount)`.as('gross'),
            ]),
        )
        .onConflict((conflict) =>
          conflict.columns(['ownerId', 'currency']).doUpdateSet({
            gross: sql`ledger_currency_totals.gross + excluded.gross`,
          }),
        )
        .returning('ownerId'),
    )
    .with('daily', (q) =>
      q
        .insertInto('ledgerDailyTotals')
        .columns([
          'ownerId',
          'currency',
          'categoryKey',
          'occurredOn',
          'inflow',
          'outflow',
          'inflowEntries',
          'outflowEntries',
        ])
        .expression((eb) =>
          eb
            .selectFrom('inserted')
            .select([
              sql.val(ownerId).as('ownerId'),
              'inserted.currency',
              categoryKey.as('categoryKey'),
              'inserted.occurredOn',
              inflow.as('inflow'),
              outflow.as('outflow'),
              inflowEntries.as('inflowEntries'),
              outflowEntries.as('outflowEntries'),
            ]),
        )
        .onConflict((conflict) =>
          conflict
            .columns(['ownerId', 'currency', 'categoryKey', 'occurredOn'])
            .doUpdateSet(addExcluded('ledger_daily_totals')),
        )
        .returning('ownerId'),
    )
    .with('monthly', (q) =>
      q
        .insertInto('ledgerMonthlyTotals')
        .columns([
          'ownerId',
          'currency',
          'categoryKey',
          'monthStart',
          'inflow',
          'outflow',
          'inflowEntries',
          'outflowEntries',
        ])
        .expression((eb) =>
          eb
            .selectFrom('inserted')
            .select([
              sql.val(ownerId).as('ownerId'),
              'inserted.currency',
              categoryKey.as('categoryKey'),
              monthStart.as('monthStart'),
              inflow.as('inflow'),
              outflow.as('outflow'),
              inflowEntries.as('inflowEntries'),
              outflowEntries.as('outflowEntries'),
            ]),
        )
        .onConflict((conflict) =>
          conflict
            .columns(['ownerId', 'currency', 'categoryKey', 'monthStart'])
            .doUpdateSet(addExcluded('ledger_monthly_totals')),
        )
        .returning('ownerId'),
    )
    .selectFrom('inserted')
    .selectAll();
}

/** Nothing was written: the account is not the caller's, or archived, or the category is not. */
async function whyNotInserted(db: Db | Trx, ownerId: string, accountId: string) {
  const account = await db
    .selectFrom('accounts')
    .select('archivedAt')
    .where('ownerId', '=', ownerId)
    .where('id', '=', accountId)
    .executeTakeFirst();
  if (account === undefined) return notFound('Account');
  if (account.archivedAt !== null) return badRequest('The account is archived; unarchive it first');
  return notFound('Category');
}
