import type { Account, Category } from '@budget/client';
import type { RecurringRule } from './types.ts';

/** A rule or an upcoming entry by its payee, else where it goes. */
export function ruleTitle(
  rule: Pick<RecurringRule, 'payee' | 'toAccountId' | 'categoryId'>,
  accounts: ReadonlyMap<string, Account>,
  categories: ReadonlyMap<string, Category>,
): string {
  if (rule.payee !== null) return rule.payee;
  if (rule.toAccountId !== null) {
    return `Transfer to ${accounts.get(rule.toAccountId)?.name ?? 'another account'}`;
  }
  return rule.categoryId === null
    ? 'Uncategorized'
    : (categories.get(rule.categoryId)?.name ?? 'Category');
}
