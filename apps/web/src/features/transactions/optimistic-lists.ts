import type { RouterOutputs, Transaction } from '@budget/client';
import { useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc.ts';

type ListPage = RouterOutputs['transactions']['list'];
type ListData = ListPage | InfiniteData<ListPage, string | null>;

/** How an optimistic change rewrites the rows of the first page and of every other page. */
export type RowsChange = (items: readonly Transaction[], isFirstPage: boolean) => Transaction[];

/**
 * Applies a change to every cached transaction list at once (the infinite lists of the
 * transactions page and the dashboard's recent list), returning how to undo it.
 */
export function useOptimisticLists(): (change: RowsChange) => Promise<() => void> {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return async (change) => {
    const filter = trpc.transactions.list.pathFilter();
    await queryClient.cancelQueries(filter);
    const snapshot = queryClient.getQueriesData<ListData>(filter);
    queryClient.setQueriesData<ListData>(filter, (data) => {
      if (data === undefined) return data;
      if ('pages' in data) {
        return {
          ...data,
          pages: data.pages.map((page, index) => ({
            ...page,
            items: change(page.items, index === 0),
          })),
        };
      }
      return { ...data, items: change(data.items, true) };
    });
    return () => {
      for (const [key, data] of snapshot) queryClient.setQueryData(key, data);
    };
  };
}

/** A row shown until the server answers; its id marks it as not saved yet. */
export function pendingRow(
  fields: Omit<
    Transaction,
    'id' | 'version' | 'createdAt' | 'updatedAt' | 'recurringId' | 'importId'
  >,
): Transaction {
  const now = new Date().toISOString();
  return {
    ...fields,
    recurringId: null,
    importId: null,
    id: `pending-${crypto.randomUUID()}`,
    version: 0,
    createdAt: now,
    updatedAt: now,
  };
}

export function isPendingRow(transaction: Transaction): boolean {
  return transaction.id.startsWith('pending-');
}
