import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc.ts';
import { useAccounts } from '../accounts/use-accounts.ts';
import { useInvalidateLedger } from '../ledger-invalidation.ts';
import { pendingRow, useOptimisticLists } from './optimistic-lists.ts';

/**
 * Create, update, delete and transfer with optimistic updates: every cached list shows the
 * change at once, an error puts the lists back as they were, and the ledger is refetched after.
 */
export function useTransactionMutations() {
  const trpc = useTRPC();
  const optimistic = useOptimisticLists();
  const invalidate = useInvalidateLedger();
  const { byId: accounts } = useAccounts();
  const settle = {
    onError: (_error: unknown, _input: unknown, rollback: (() => void) | undefined) => rollback?.(),
    onSettled: invalidate,
  };
  const currencyOf = (accountId: string) => accounts.get(accountId)?.currency ?? '';

  const create = useMutation(
    trpc.transactions.create.mutationOptions({
      ...settle,
      onMutate: (input) =>
        optimistic((items, first) => {
          if (!first) return [...items];
          const row = pendingRow({
            accountId: input.accountId,
            categoryId: input.categoryId ?? null,
            kind: input.amount > 0 ? 'income' : 'expense',
            amount: input.amount,
            currency: currencyOf(input.accountId),
            occurredOn: input.occurredOn,
            payee: input.payee ?? null,
            note: input.note ?? null,
            transferId: null,
          });
          return [row, ...items];
        }),
    }),
  );

  const update = useMutation(
    trpc.transactions.update.mutationOptions({
      ...settle,
      onMutate: ({ id, expectedVersion: _version, ...changes }) =>
        optimistic((items) =>
          items.map((item) =>
            item.id === id
              ? {
                  ...item,
                  ...changes,
                  currency: changes.accountId ? currencyOf(changes.accountId) : item.currency,
                }
              : item,
          ),
        ),
    }),
  );

  const remove = useMutation(
    trpc.transactions.delete.mutationOptions({
      ...settle,
      onMutate: ({ id }) =>
        optimistic((items) => {
          const transferId = items.find((item) => item.id === id)?.transferId ?? null;
          return items.filter(
            (item) => item.id !== id && (transferId === null || item.transferId !== transferId),
          );
        }),
    }),
  );

  const transfer = useMutation(
    trpc.transactions.transfer.mutationOptions({
      ...settle,
      onMutate: (input) =>
        optimistic((items, first) => {
          if (!first) return [...items];
          const side = (accountId: string, amount: number) =>
            pendingRow({
              accountId,
              categoryId: null,
              kind: 'transfer',
              amount,
              currency: currencyOf(accountId),
              occurredOn: input.occurredOn,
              payee: null,
              note: input.note ?? null,
              transferId: 'pending',
            });
          return [
            side(input.toAccountId, input.amount),
            side(input.fromAccountId, -input.amount),
            ...items,
          ];
        }),
    }),
  );

  return { create, update, remove, transfer };
}
