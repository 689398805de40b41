import type { Account, Category, Transaction } from '@budget/client';
import { formatDate } from '../../lib/dates.ts';
import { Money } from '../ui/money.tsx';
import { isPendingRow } from './optimistic-lists.ts';

export function describeTransaction(
  transaction: Transaction,
  categories: ReadonlyMap<string, Category>,
): { title: string; category: string } {
  const category =
    transaction.kind === 'transfer'
      ? 'Transfer'
      : transaction.categoryId === null
        ? 'Uncategorized'
        : (categories.get(transaction.categoryId)?.name ?? 'Category');
  return { title: transaction.payee ?? transaction.note ?? category, category };
}

export function TransactionRow({
  transaction,
  accounts,
  categories,
  onEdit,
  onDelete,
}: {
  transaction: Transaction;
  accounts: ReadonlyMap<string, Account>;
  categories: ReadonlyMap<string, Category>;
  onEdit?: (transaction: Transaction) => void;
  onDelete?: (transaction: Transaction) => void;
}) {
  const { title, category } = describeTransaction(transaction, categories);
  const pending = isPendingRow(transaction);
  return (
    <div className={pending ? 'tx-row pending' : 'tx-row'} aria-busy={pending}>
      <div className="tx-main">
        <span className="tx-title">{title}</span>
        <span className="muted small">
          {formatDate(transaction.occurredOn)} ·{' '}
          {accounts.get(transaction.accountId)?.name ?? 'Account'} · {category}
        </span>
      </div>
      <Money amount={transaction.amount} currency={transaction.currency} />
      {(onEdit ?? onDelete) && !pending && (
        <div className="actions">
          {onEdit && transaction.kind !== 'transfer' && (
            <button type="button" onClick={() => onEdit(transaction)} aria-label={`Edit ${title}`}>
              Edit
            </button>
          )}
          {onDelete && (
            <button
              type="button"
              className="danger"
              onClick={() => onDelete(transaction)}
              aria-label={`Delete ${title}`}
            >
              Delete
            </button>
          )}
        </div>
      )}
    </div>
  );
}
