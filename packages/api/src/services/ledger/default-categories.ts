import type { CategoryKind, Db, Trx } from '@budget/db';

interface DefaultCategory {
  name: string;
  kind: CategoryKind;
  color: string;
}

/**
 * What a new user starts with. Refunds are not an income category: they go back into the expense
 * category they refund, so budgets count them against what was spent.
 */
export const defaultCategories: readonly DefaultCategory[] = [
  { kind: 'expense', name: 'Groceries', color: '#16a34a' },
  { kind: 'expense', name: 'Dining', color: '#f97316' },
  { kind: 'expense', name: 'Housing', color: '#7c3aed' },
  { kind: 'expense', name: 'Utilities', color: '#eab308' },
  { kind: 'expense', name: 'Transport', color: '#2563eb' },
  { kind: 'expense', name: 'Health', color: '#dc2626' },
  { kind: 'expense', name: 'Entertainment', color: '#db2777' },
  { kind: 'expense', name: 'Shopping', color: '#0d9488' },
  { kind: 'expense', name: 'Travel', color: '#0891b2' },
  { kind: 'expense', name: 'Subscriptions', color: '#4f46e5' },
  { kind: 'expense', name: 'Gifts', color: '#e11d48' },
  { kind: 'expense', name: 'Other', color: '#64748b' },
  { kind: 'income', name: 'Salary', color: '#15803d' },
  { kind: 'income', name: 'Freelance', color: '#0284c7' },
  { kind: 'income', name: 'Interest', color: '#ca8a04' },
  { kind: 'income', name: 'Gifts', color: '#be185d' },
  { kind: 'income', name: 'Other', color: '#475569' },
];

/** One insert, meant to run inside the transaction that creates the user. */
export async function createDefaultCategories(db: Db | Trx, ownerId: string): Promise<void> {
  await db
    .insertInto('categories')
    .values(defaultCategories.map((category) => ({ ownerId, ...category })))
    .execute();
}
