import type { Actor } from '../../actor.ts';
import { notFound } from '../../errors.ts';
import { toUser, userColumns } from '../auth/users.ts';
import * as accounts from '../ledger/accounts.ts';
import * as categories from '../ledger/categories.ts';
import * as imports from '../ledger/csv-import.ts';
import { toTransaction, transactionColumns } from '../ledger/transaction-rows.ts';
import * as budgets from '../planning/budgets.ts';
import * as recurring from '../planning/recurring.ts';
import type { AdminUser } from './users.ts';

export const USER_EXPORT_FORMAT = 'budget-tracker.user-export';
export const USER_EXPORT_VERSION = 1;

export interface UserExportOptions {
  /** Transactions read per query; memory stays bounded by one page whatever the ledger's size. */
  pageSize?: number | undefined;
}

/**
 * All of a user's data as one JSON document, produced piece by piece: the profile (without the
 * password hash), accounts, categories, budgets, recurring rules and their skipped occurrences,
 * imports (each transaction names the rule or import that made it), then the transactions,
 * paged by (owner_id, id) so a ledger of millions of rows is never held in memory. Everything is read from one snapshot
 * (a read-only REPEATABLE READ transaction), so the parts agree with each other.
 * Shapes and order are the API's: the lists come from the same services the procedures call
 * (imports and skips, which no procedure lists, from their services' list functions).
 */
export async function* exportUserData(
  actor: Actor,
  options: UserExportOptions = {},
): AsyncGenerator<string, void, undefined> {
  const pageSize = options.pageSize ?? 2_000;
  const userId = actor.user.id;
  const trx = await actor.db
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
    const snapshot: Actor = { ...actor, db: trx };
    const everything = { includeArchived: true };
    const accountList = await accounts.list(snapshot, everything);
    const categoryList = await categories.list(snapshot, everything);
    const budgetList = await budgets.list(snapshot);
    const ruleList = await recurring.list(snapshot);
    const skipList = await recurring.listSkips(snapshot);
    const importList = await imports.list(snapshot);
    yield [
      '{',
      `  "format": ${JSON.stringify(USER_EXPORT_FORMAT)},`,
      `  "version": ${USER_EXPORT_VERSION},`,
      `  "exportedAt": ${JSON.stringify(new Date().toISOString())},`,
      `  "user": ${JSON.stringify(profile)},`,
      `  "accounts": ${jsonArray(accountList)},`,
      `  "categories": ${jsonArray(categoryList)},`,
      `  "budgets": ${jsonArray(budgetList)},`,
      `  "recurringRules": ${jsonArray(ruleList)},`,
      `  "recurringSkips": ${jsonArray(skipList)},`,
      `  "imports": ${jsonArray(importList)},`,
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

function jsonArray(items: readonly unknown[]): string {
  if (items.length === 0) return '[]';
  return `[\n    ${items.map((item) => JSON.stringify(item)).join(',\n    ')}\n  ]`;
}
