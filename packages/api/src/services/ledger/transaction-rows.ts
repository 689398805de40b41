import type { TransactionRow } from '@budget/db';
import type { Transaction, TransactionKind } from '../../schemas/transactions.ts';

export const transactionColumns = [
  'transactions.id',
  'transactions.accountId',
  'transactions.categoryId',
  'transactions.amount',
  'transactions.currency',
  'transactions.occurredOn',
  'transactions.payee',
  'transactions.note',
  'transactions.transferId',
  'transactions.recurringId',
  'transactions.importId',
  'transactions.version',
  'transactions.createdAt',
  'transactions.updatedAt',
] as const;

export type TransactionRecord = Omit<TransactionRow, 'ownerId' | 'importKey'>;

export function kindOf(row: Pick<TransactionRecord, 'transferId' | 'amount'>): TransactionKind {
  if (row.transferId !== null) return 'transfer';
  return row.amount > 0 ? 'income' : 'expense';
}

export function toTransaction(row: TransactionRecord): Transaction {
  return {
    id: row.id,
    accountId: row.accountId,
    categoryId: row.categoryId,
    kind: kindOf(row),
    amount: row.amount,
    currency: row.currency,
    occurredOn: row.occurredOn,
    payee: row.payee,
    note: row.note,
    transferId: row.transferId,
    recurringId: row.recurringId,
    importId: row.importId,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
