import { sql } from 'kysely';
import { isoFromTimestampText, type TransactionRow } from '@budget/db';
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
  // As PostgreSQL's text: toTransaction writes it as ISO without a Date in between.
  sql<string>`transactions.created_at::text`.as('createdAt'),
  sql<string>`transactions.updated_at::text`.as('updatedAt'),
] as const;

export type TransactionRecord = Omit<
  TransactionRow,
  'ownerId' | 'importKey' | 'createdAt' | 'updatedAt'
> & { createdAt: string; updatedAt: string };

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
    createdAt: isoFromTimestampText(row.createdAt),
    updatedAt: isoFromTimestampText(row.updatedAt),
  };
}
