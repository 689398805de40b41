import { sql, type SelectQueryBuilder } from 'kysely';
import type { Database } from '@budget/db';
import type { TransactionFilters } from '../../schemas/transactions.ts';

type TransactionQuery<O> = SelectQueryBuilder<Database, 'transactions', O>;

/** The text the trigram index covers: search must use exactly this expression. */
// A line break joins the two: search terms cannot contain one, so a match never spans both.
const searchableText = sql<string>`(coalesce(transactions.payee, '') || E'\\n' || coalesce(transactions.note, ''))`;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (match) => `\\${match}`);
}

/** The caller's rows matching the filters; owner first, so every index applies. */
export function applyTransactionFilters<O>(
  query: TransactionQuery<O>,
  ownerId: string,
  filters: TransactionFilters,
): TransactionQuery<O> {
  let result = query.where('transactions.ownerId', '=', ownerId);
  if (filters.accountId !== undefined) {
    result = result.where('transactions.accountId', '=', filters.accountId);
  }
  if (filters.categoryId === null) result = result.where('transactions.categoryId', 'is', null);
  else if (filters.categoryId !== undefined) {
    result = result.where('transactions.categoryId', '=', filters.categoryId);
  }
  if (filters.kind === 'transfer') result = result.where('transactions.transferId', 'is not', null);
  if (filters.kind === 'income' || filters.kind === 'expense') {
    result = result
      .where('transactions.transferId', 'is', null)
      .where('transactions.amount', filters.kind === 'income' ? '>' : '<', 0);
  }
  if (filters.from !== undefined)
    result = result.where('transactions.occurredOn', '>=', filters.from);
  if (filters.to !== undefined) result = result.where('transactions.occurredOn', '<=', filters.to);
  if (filters.minAmount !== undefined) {
    result = result.where('transactions.amount', '>=', filters.minAmount);
  }
  if (filters.maxAmount !== undefined) {
    result = result.where('transactions.amount', '<=', filters.maxAmount);
  }
  if (filters.search !== undefined) {
    result = result.where(searchableText, 'ilike', `%${escapeLike(filters.search)}%`);
  }
  return result;
}
