import type { RouterInputs } from '@budget/client';
import { parseMoney } from '../../lib/money.ts';
import type { TransactionSearch } from './transaction-search.ts';

type ListInput = Omit<RouterInputs['transactions']['list'], 'cursor'>;

/** The URL's filters as a `transactions.list` input; typed amounts in `currency`'s minor units. */
export function listInputOf(search: TransactionSearch, currency: string): ListInput {
  const input: ListInput = { limit: 50 };
  if (search.account) input.accountId = search.account;
  if (search.category) input.categoryId = search.category === 'none' ? null : search.category;
  if (search.kind) input.kind = search.kind;
  if (search.from) input.from = search.from;
  if (search.to) input.to = search.to;
  const min = search.min === undefined ? undefined : parseMoney(search.min, currency);
  const max = search.max === undefined ? undefined : parseMoney(search.max, currency);
  if (min !== undefined) input.minAmount = min;
  if (max !== undefined) input.maxAmount = max;
  if (search.q?.trim()) input.search = search.q.trim();
  if (search.sort) input.sort = search.sort;
  return input;
}
