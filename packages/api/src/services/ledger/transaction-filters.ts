import { sql, type SelectQueryBuilder } from 'kysely';
import type { Database, Slots } from '@budget/db';
import type { TransactionFilters } from '../../schemas/transactions.ts';

type TransactionQuery<O> = SelectQueryBuilder<Database, 'transactions', O>;

/** The filters as a query binds them: the search as its LIKE pattern. */
export type FilterValues = Omit<TransactionFilters, 'search'> & { searchPattern?: string };

/** Every filter value: the type makes a new filter appear here. */
const filterKeys: Record<keyof FilterValues, true> = {
  accountId: true,
  categoryId: true,
  kind: true,
  from: true,
  to: true,
  minAmount: true,
  maxAmount: true,
  searchPattern: true,
};
const filterNames = Object.keys(filterKeys) as (keyof FilterValues)[];

/** The text the trigram index covers: search must use exactly this expression. */
// A line break joins the two: search terms cannot contain one, so a match never spans both.
const searchableText = sql<string>`(coalesce(transactions.payee, '') || E'\\n' || coalesce(transactions.note, ''))`;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (match) => `\\${match}`);
}

export function filterValues(filters: TransactionFilters): FilterValues {
  const { search, ...values } = filters;
  return search === undefined ? values : { ...values, searchPattern: `%${escapeLike(search)}%` };
}

export function isUnfiltered(filters: FilterValues): boolean {
  return filterNames.every((name) => filters[name] === undefined);
}

/**
 * What of the filters changes a query's SQL, as a precompiled query's shape: which are present,
 * the kind, and whether the category filter asks for uncategorized rows.
 */
export function filterShape(filters: FilterValues): string {
  return filterNames
    .map((name) => {
      const value = filters[name];
      if (value === undefined) return '-';
      return name === 'kind' || value === null ? String(value) : '+';
    })
    .join(',');
}

/** The filters of a shape, with each bound value a placeholder (see `filterShape`). */
export function slotFilters(filters: FilterValues, slots: Slots<FilterValues>): FilterValues {
  const slotted: Record<string, unknown> = {};
  for (const name of filterNames) {
    const value = filters[name];
    if (value === undefined) continue;
    slotted[name] = name === 'kind' || value === null ? value : slots[name];
  }
  return slotted;
}

/** The caller's rows matching the filters; owner first, so every index applies. */
export function applyTransactionFilters<O>(
  query: TransactionQuery<O>,
  ownerId: string,
  filters: FilterValues,
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
  if (filters.searchPattern !== undefined) {
    result = result.where(searchableText, 'ilike', filters.searchPattern);
  }
  return result;
}
