import type { Db } from '@budget/db';
import type { Account } from '../schemas/accounts.ts';
import type { Budget } from '../schemas/budgets.ts';
import type { Category } from '../schemas/categories.ts';
import { notFound } from '../errors.ts';
import { toTransaction, transactionColumns } from './transaction-rows.ts';
import type { AdminUser } from './user-admin.ts';
import { toUser, userColumns } from './users.ts';

export const USER_EXPORT_FORMAT = 'budget-tracker.user-export';
export const USER_EXPORT_VERSION = 1;

export interface UserExportOptions {
  /** Transactions read per query; memory stays bounded by one page whatever the ledger's size. */
  pageSize?: number | undefined;
}

/**
 * All of a user's data as one JSON document, produced piece by piece: the profile (without the
 * password hash), accounts, categories, then the transactions, paged by (owner_id, id) so a
 * ledger of millions of rows is never held in memory. Everything is read from one snapshot
 * (a read-only REPEATABLE READ transaction), so the parts agree with each other.
 * Shapes are the API's: Account, Category, Transaction.
 */
export async function* exportUserData(
  db: Db,
  userId: string,
  options: UserExportOptions = {},
): AsyncGenerator<string, void, undefined> {
  const pageSize = options.pageSize ?? 2_000;
  const trx = await db
    .startTransaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute();
  let finished = false;
  try {
    const user = await trx
      .selectFrom('users')
      .select([...userColumns, 'users.disabledAt'])
      .where('users.id', '=', userId)
      .executeTakeFirst();
    if (user === undefined) throw notFound('User');
    const profile: AdminUser = { ...toUser(user), disabled: user.disabledAt !== null };
    const accounts = await readAccounts(trx, userId);
    const categories = await readCategories(trx, userId);
    const budgets = await readBudgets(trx, userId);
    yield [
      '{',
      `  "format": ${JSON.stringify(USER_EXPORT_FORMAT)},`,
      `  "version": ${USER_EXPORT_VERSION},`,
      `  "exportedAt": ${JSON.stringify(new Date().toISOString())},`,
      `  "user": ${JSON.stringify(profile)},`,
      `  "accounts": ${jsonArray(accounts)},`,
      `  "categories": ${jsonArray(categories)},`,
      `  "budgets": ${jsonArray(budgets)},`,
      '  "transactions": [',
    ].join('\n');

    let after: string | undefined;
    let separator = '\n    ';
    for (;;) {
      let query = trx
        .selectFrom('transactions')
        .select(transactionColumns)
        .where('transactions.ownerId', '=', userId)
        .orderBy('transactions.id')
        .limit(pageSize);
      if (after !== undefined) query = query.where('transactions.id', '>', after);
      const rows = await query.execute();
      const last = rows.at(-1);
      if (last === undefined) break;
      yield separator + rows.map((row) => JSON.stringify(toTransaction(row))).join(',\n    ');
      separator = ',\n    ';
      after = last.id;
      if (rows.length < pageSize) break;
    }
    yield `${after === undefined ? '' : '\n  '}]\n}\n`;
    await trx.commit().execute();
    finished = true;
  } finally {
    // Also when the reader stops early or a query fails.
    if (!finished) await trx.rollback().execute();
  }
}

type Reader = Pick<Db, 'selectFrom'>;

async function readAccounts(trx: Reader, ownerId: string): Promise<Account[]> {
  const rows = await trx
    .selectFrom('accounts')
    .select([
      'id',
      'name',
      'type',
      'currency',
      'openingBalance',
      'balance',
      'archivedAt',
      'createdAt',
      'updatedAt',
    ])
    .where('ownerId', '=', ownerId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    ...row,
    currency: row.currency.trim(),
    archivedAt: row.archivedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }));
}

async function readCategories(trx: Reader, ownerId: string): Promise<Category[]> {
  const rows = await trx
    .selectFrom('categories')
    .select(['id', 'name', 'kind', 'color', 'archivedAt'])
    .where('ownerId', '=', ownerId)
    .orderBy('kind')
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ ...row, archivedAt: row.archivedAt?.toISOString() ?? null }));
}

async function readBudgets(trx: Reader, ownerId: string): Promise<Budget[]> {
  const rows = await trx
    .selectFrom('budgets')
    .select([
      'id',
      'categoryId',
      'amount',
      'currency',
      'period',
      'startsOn',
      'endsOn',
      'rollover',
      'alertThreshold',
    ])
    .where('ownerId', '=', ownerId)
    .orderBy('startsOn')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ ...row, currency: row.currency.trim() }));
}

function jsonArray(items: readonly unknown[]): string {
  if (items.length === 0) return '[]';
  return `[\n    ${items.map((item) => JSON.stringify(item)).join(',\n    ')}\n  ]`;
}
