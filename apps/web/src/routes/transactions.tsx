import type { Transaction } from '@budget/client';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useAccounts } from '../features/accounts/use-accounts.ts';
import { useMe } from '../features/auth/use-me.ts';
import { ExportButton } from '../features/transactions/export-button.tsx';
import { listInputOf } from '../features/transactions/list-input.ts';
import { TransactionDialog } from '../features/transactions/transaction-dialog.tsx';
import { TransactionFilters } from '../features/transactions/transaction-filters.tsx';
import { TransactionList } from '../features/transactions/transaction-list.tsx';
import { TransferDialog } from '../features/transactions/transfer-dialog.tsx';
import { useTransactionMutations } from '../features/transactions/use-transaction-mutations.ts';
import { FormError } from '../features/ui/form-error.tsx';
import { Empty, QueryState } from '../features/ui/page-state.tsx';

const route = getRouteApi('/app/transactions');

type Open =
  { kind: 'add' } | { kind: 'edit'; transaction: Transaction } | { kind: 'transfer' } | null;

export function TransactionsPage() {
  const search = route.useSearch();
  const me = useMe();
  const accounts = useAccounts();
  const { remove } = useTransactionMutations();
  const [open, setOpen] = useState<Open>(null);
  const currency =
    (search.account === undefined ? undefined : accounts.byId.get(search.account)?.currency) ??
    me.currency;

  return (
    <>
      <div className="page-header">
        <h1>Transactions</h1>
        <div className="actions">
          <button
            type="button"
            className="primary"
            onClick={() => setOpen({ kind: 'add' })}
            disabled={accounts.open.length === 0}
          >
            Add transaction
          </button>
          <button
            type="button"
            onClick={() => setOpen({ kind: 'transfer' })}
            disabled={accounts.open.length < 2}
          >
            Transfer
          </button>
          <ExportButton filters={{ from: search.from, to: search.to, accountId: search.account }} />
        </div>
      </div>
      <QueryState query={accounts.query} label="Loading accounts…">
        {(all) =>
          all.length === 0 ? (
            <Empty>Add an account first, then record its transactions here.</Empty>
          ) : (
            <>
              <TransactionFilters />
              <FormError error={remove.error} />
              <TransactionList
                input={listInputOf(search, currency)}
                onEdit={(transaction) => setOpen({ kind: 'edit', transaction })}
                onDelete={(transaction) => {
                  if (window.confirm('Delete this transaction?'))
                    remove.mutate({ id: transaction.id });
                }}
              />
            </>
          )
        }
      </QueryState>
      {open?.kind === 'add' && <TransactionDialog onClose={() => setOpen(null)} />}
      {open?.kind === 'edit' && (
        <TransactionDialog transaction={open.transaction} onClose={() => setOpen(null)} />
      )}
      {open?.kind === 'transfer' && <TransferDialog onClose={() => setOpen(null)} />}
    </>
  );
}
